# M/M/3 at rho = 0.9 in simmer, the way its vignettes write a queue: one trajectory (seize, timeout,
# release), a generator drawing inter-arrival times in batches of 100, a resource of 3 servers. Same model as
# bench/kernel/mm3-model.ts and bench/peers/mm3_simpy.py: exponential inter-arrival times (mean 1/2.7) and
# service times (mean 1), exactly N customers, run until the system is empty. Prints one JSON line: wall
# seconds of the run, customers served, mean wait in queue and the 20 batch means of the waits (in order of
# service start), for the Erlang C check.
#
# Usage: R_LIBS=LIB Rscript mm3_simmer.R CUSTOMERS SEED
suppressMessages(library(simmer))

args <- commandArgs(trailingOnly = TRUE)
customers <- as.integer(args[1])
seed <- as.integer(args[2])
arrival_rate <- 2.7
service_mean <- 1
servers <- 3
batches <- 20

set.seed(seed)
remaining <- customers
# Inter-arrival times in batches of 100; a negative value stops the generator after exactly N customers.
interarrival <- function() {
  n <- min(100L, remaining)
  remaining <<- remaining - n
  if (n == 0L) return(-1)
  rexp(n, arrival_rate)
}
customer <- trajectory() %>%
  seize("server", 1) %>%
  timeout(function() rexp(1, 1 / service_mean)) %>%
  release("server", 1)
env <- simmer() %>%
  add_resource("server", servers) %>%
  add_generator("customer", customer, interarrival)

t0 <- proc.time()[["elapsed"]]
invisible(run(env))
wall <- proc.time()[["elapsed"]] - t0

arr <- get_mon_arrivals(env)
waits <- arr$end_time - arr$start_time - arr$activity_time
waits <- waits[order(arr$end_time - arr$activity_time)]
size <- length(waits) %/% batches
batch_means <- vapply(seq_len(batches), function(k) mean(waits[((k - 1) * size + 1):(k * size)]), numeric(1))
cat(sprintf(
  '{"engine":"simmer","version":"%s","runtime":"R %s","wallSeconds":%.6f,"customers":%d,"waitMean":%.10g,"waitBatchMeans":[%s]}\n',
  as.character(packageVersion("simmer")), paste(R.version$major, R.version$minor, sep = "."), wall,
  nrow(arr), mean(waits), paste(sprintf("%.10g", batch_means), collapse = ",")
))
