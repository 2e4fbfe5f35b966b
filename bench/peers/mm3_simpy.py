"""M/M/3 at rho = 0.9 in SimPy, the way its documentation writes a queue: a source process, one process
per customer, a Resource of 3 servers. Same model as bench/kernel/mm3-model.ts and bench/peers/mm3_simmer.R:
exponential inter-arrival times (mean 1/2.7) and service times (mean 1), exactly N customers, run until the
system is empty. Prints one JSON line: wall seconds of the run, customers served, mean wait in queue and the
20 batch means of the waits (in order of service start), for the Erlang C check.

Usage: python3 mm3_simpy.py CUSTOMERS SEED
"""
import json
import random
import sys
import time

import simpy

ARRIVAL_RATE = 2.7
SERVICE_MEAN = 1.0
SERVERS = 3
BATCHES = 20


def main():
    customers = int(sys.argv[1])
    seed = int(sys.argv[2])
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    # Waits go straight into their batch sums (in order of service start), as the kernel's model does:
    # no per-customer list.
    size = customers // BATCHES
    sums = [0.0] * BATCHES
    stats = {"count": 0, "total": 0.0}

    def customer(env):
        arrived = env.now
        with servers.request() as req:
            yield req
            wait = env.now - arrived
            batch = stats["count"] // size
            if batch < BATCHES:
                sums[batch] += wait
            stats["total"] += wait
            stats["count"] += 1
            yield env.timeout(rng.expovariate(1.0 / SERVICE_MEAN))

    def source(env):
        for _ in range(customers):
            env.process(customer(env))
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))

    env.process(source(env))
    t0 = time.perf_counter()
    env.run()
    wall = time.perf_counter() - t0
    batch_means = [s / size for s in sums]
    print(json.dumps({
        "engine": "SimPy",
        "version": simpy.__version__,
        "runtime": "Python " + sys.version.split()[0],
        "wallSeconds": wall,
        "customers": stats["count"],
        "waitMean": stats["total"] / stats["count"],
        "waitBatchMeans": batch_means,
    }))


main()
