"""Reference sums for NumpySumTest: np.sum / np.mean of float64 arrays longer than
numpy's 8,192-element reduction buffer.

Inputs are reproducible from Java without storing them: x <- x * 6364136223846793005 +
1442695040888963407 (mod 2^64, x0 = seed), u = (x >> 11) * 2^-53, value = sqrt(floor(u * 5000))
(distances like the surface distances of two masks: square roots of integers).

numpy 1.24 reduces a contiguous float64 array in 8,192-element buffers (pairwise within each, the
buffers' sums added in turn), which differs from one pairwise sum over the whole array in the last
bit for some lengths; numpy 2.4.6 gives another last bit for seed 6 (n = 100000). The committed
file was made with Debian 12's numpy 1.24.2:

  /usr/bin/python3 src/test/python/numpy_sums.py > src/test/resources/org/imapp/metrics/numpy_sums.csv
"""
import sys

import numpy as np

MASK = (1 << 64) - 1


def values(seed, n):
    x = seed
    out = np.empty(n, dtype=np.float64)
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
        u = (x >> 11) * 2.0 ** -53
        out[i] = np.sqrt(np.floor(u * 5000))
    return out


def main():
    print("# numpy " + np.__version__ + ", python " + sys.version.split()[0] + "; sums as float.hex")
    print("seed,n,sum,mean")
    cases = [(1, 100), (2, 8192), (3, 8193), (4, 10000), (5, 16385), (6, 100000), (7, 1000000), (8, 1234567)]
    # Lengths where the 8,192 blocks and one whole-array pairwise sum differ in the last bit.
    cases += [(11, 300000), (12, 20000), (17, 50000), (26, 100000)]
    for seed, n in cases:
        a = values(seed, n)
        s = np.sum(a)
        m = np.mean(a)
        print(f"{seed},{n},{float(s).hex()},{float(m).hex()}")


if __name__ == "__main__":
    main()
