"""The default beltscope method, vectorised with numpy: the yardstick the README's speed table
compares `beltscope score` with.

Reads a survey CSV (a label column, then one column per indicator id, as `beltscope score`
reads it) and a framework TOML, then computes what `score --format csv` prints: range
normalization, entropy weights, dimension and circle scores, coupling C, T, D and the level,
and the obstacle degrees of every dimension. Prints the scores as CSV on stdout.

    python3 benches/numpy_pipeline.py FILE.csv FRAMEWORK.toml > /dev/null

Needs numpy (`pip install numpy`).
"""

import csv
import io
import sys
import tomllib

import numpy as np


def main(csv_path, framework_path):
    with open(framework_path, "rb") as f:
        fw = tomllib.load(f)
    circles = [c["id"] for c in fw["circles"]]
    dims = [d["id"] for d in fw["dimensions"]]
    dim_circle = np.array([circles.index(d["circle"]) for d in fw["dimensions"]])
    inds = fw["indicators"]
    ids = [i["id"] for i in inds]

    # Read: header, labels, values (numpy's own text reader, vectorised).
    with open(csv_path, encoding="utf-8-sig") as f:
        header = next(csv.reader([f.readline()]))
        body = f.read()
    labels = np.loadtxt(io.StringIO(body), delimiter=",", usecols=0, dtype=str)
    x = np.loadtxt(io.StringIO(body), delimiter=",", usecols=range(1, len(header)))
    x = x[:, [header.index(i) - 1 for i in ids]]  # framework order
    m, n = x.shape

    # 1. Range normalization, by direction; a constant column gets z = 1.
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = hi - lo
    negative = np.array([i["direction"] == "negative" for i in inds])
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(negative, (hi - x) / span, (x - lo) / span)
    z = np.where(span == 0, 1.0, z)

    # 3. Entropy weights (shift 0), e capped at 1.
    p = z / z.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = np.minimum(-plogp.sum(axis=0) / np.log(m), 1.0)
    d = 1.0 - e
    w = d / d.sum()

    # 4. Scores: weighted means per dimension and circle.
    ind_dim = np.array([dims.index(i["dimension"]) for i in inds])
    ind_circle = dim_circle[ind_dim]
    dim_onehot = np.eye(len(dims))[ind_dim] * w[:, None]  # n × dims
    circle_onehot = np.eye(len(circles))[ind_circle] * w[:, None]
    dim_scores = (z @ dim_onehot) / dim_onehot.sum(axis=0)
    u = (z @ circle_onehot) / circle_onehot.sum(axis=0)

    # 5. Coupling coordination (classic), β = circle weight sums.
    k = len(circles)
    beta = circle_onehot.sum(axis=0)
    s = u.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(s > 0, k * np.prod(u, axis=1) ** (1.0 / k) / s, 0.0)
    t = np.clip(u @ beta, 0.0, 1.0)
    dd = np.sqrt(c * t)
    level = np.minimum(10, np.floor(10 * dd) + 1).astype(int)

    # 6. Obstacle degrees (global basis), summed per dimension.
    gap = w * (1.0 - z)
    total = gap.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        o = np.where(total > 0, gap / total, 0.0)
    dim_obstacles = o @ np.eye(len(dims))[ind_dim]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["label", *circles, "C", "T", "D", "level", *dims, *("obstacle_" + d for d in dims)])
    for r in range(m):
        writer.writerow([labels[r], *u[r], c[r], t[r], dd[r], level[r], *dim_scores[r], *dim_obstacles[r]])
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: numpy_pipeline.py FILE.csv FRAMEWORK.toml")
    main(sys.argv[1], sys.argv[2])
