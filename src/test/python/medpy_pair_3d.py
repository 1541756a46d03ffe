"""Reference timing (and values) for Volume3dBenchmark: medpy 0.5.2's dc, jc, hd, hd95, assd on
one pair of raw 0/1 uint8 volumes, reproduced with the scipy calls medpy makes
(medpy.metric.binary.__surface_distances: binary_erosion with the connectivity-1 structure,
border_value 0, distance_transform_edt with sampling = voxelspacing in (z, y, x) order).

Run: python3 medpy_pair_3d.py W H D SX SY SZ a.raw b.raw
"""
import sys
import time

import numpy as np
from scipy.ndimage import binary_erosion, distance_transform_edt, generate_binary_structure


def surface_distances(result, reference, spacing):
    footprint = generate_binary_structure(result.ndim, 1)
    result_border = result ^ binary_erosion(result, structure=footprint, iterations=1)
    reference_border = reference ^ binary_erosion(reference, structure=footprint, iterations=1)
    dt = distance_transform_edt(~reference_border, sampling=spacing)
    return dt[result_border]


def main():
    w, h, d = (int(v) for v in sys.argv[1:4])
    sx, sy, sz = (float(v) for v in sys.argv[4:7])
    a = np.fromfile(sys.argv[7], dtype=np.uint8).reshape(d, h, w).astype(bool)
    b = np.fromfile(sys.argv[8], dtype=np.uint8).reshape(d, h, w).astype(bool)
    spacing = (sz, sy, sx)
    t0, c0 = time.perf_counter(), time.process_time()
    inter = np.count_nonzero(a & b)
    dc = 2.0 * inter / float(np.count_nonzero(a) + np.count_nonzero(b))
    jc = float(inter) / float(np.count_nonzero(a | b))
    # medpy calls __surface_distances once per metric: hd and hd95 and assd each compute both directions.
    hd = max(surface_distances(a, b, spacing).max(), surface_distances(b, a, spacing).max())
    hd95 = np.percentile(np.hstack((surface_distances(a, b, spacing), surface_distances(b, a, spacing))), 95)
    assd = np.mean(np.concatenate((surface_distances(a, b, spacing), surface_distances(b, a, spacing))))
    t1, c1 = time.perf_counter(), time.process_time()
    print(f"numpy,{np.__version__}")
    print(f"pair_s,{t1 - t0:.3f}\npair_cpu_s,{c1 - c0:.3f}")
    print(f"dice,{dc!r}\njaccard,{jc!r}\nhd,{float(hd)!r}\nhd95,{float(hd95)!r}\nassd,{float(assd)!r}")


if __name__ == "__main__":
    main()
