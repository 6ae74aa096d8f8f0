"""A large survey for the speed table: M observations × 200 indicators (4 circles × 5
dimensions × 10 indicators, every third one negative), values in [0, 1000) with 3 decimals,
and its framework `bench.toml` beside it.

    python3 benches/make_big_csv.py 10000 OUT_DIR
"""
import os
import random
import sys

m, out_dir = int(sys.argv[1]), sys.argv[2]
nc, nd, ni = 4, 5, 10
os.makedirs(out_dir, exist_ok=True)
fw = ['schema = 1', 'id = "bench"', 'name = "Bench"', 'version = "1"']
ids = []
for c in range(nc):
    fw += ['[[circles]]', f'id = "c{c}"', f'name = "C{c}"']
    for d in range(nd):
        fw += ['[[dimensions]]', f'id = "d{c}_{d}"', f'circle = "c{c}"', 'name = "D"']
        for i in range(ni):
            dr = "negative" if i % 3 == 0 else "positive"
            fw += ['[[indicators]]', f'id = "i{c}_{d}_{i}"', f'dimension = "d{c}_{d}"', 'name = "I"', f'direction = "{dr}"', 'weight = 1', 'bounds = [0, 1000]']
            ids.append(f"i{c}_{d}_{i}")
        fw += ['[[countermeasures]]', f'id = "m{c}_{d}"', 'title = "M"', 'text = "T"', f'dimensions = ["d{c}_{d}"]']
open(os.path.join(out_dir, 'bench.toml'), 'w').write('\n'.join(fw)+'\n')
r = random.Random(1)
with open(os.path.join(out_dir, 'big.csv'), 'w') as f:
    f.write('label,' + ','.join(ids) + '\n')
    for k in range(m):
        f.write(f'obs{k},' + ','.join(f'{r.random()*1000:.3f}' for _ in ids) + '\n')
