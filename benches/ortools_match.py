"""The peer of `nastavnik match`: OR-Tools' SimpleMinCostFlow on the same
candidate list (`nastavnik match --candidates`), the same network and the
same objective (most mentees, then the highest score sum).

    pip install ortools
    python3 benches/ortools_match.py CANDIDATES.tsv MIN_SCORE

Prints one JSON line: read and solve seconds, matched, score sum.
"""
import json
import sys
import time

from ortools.graph.python import min_cost_flow


def main(path, min_score):
    t0 = time.perf_counter()
    mentees, mentors, arcs = {}, {}, []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            score = int(cols[4])
            if score < min_score:
                continue
            e = mentees.setdefault(cols[0], len(mentees))
            m = mentors.get(cols[2])
            if m is None:
                m = mentors[cols[2]] = (len(mentors), int(cols[5]))
            arcs.append((e, m[0], 100 - score))
    flow = min_cost_flow.SimpleMinCostFlow()
    s, t = 0, 1
    base_e, base_m = 2, 2 + len(mentees)
    for e in range(len(mentees)):
        flow.add_arc_with_capacity_and_unit_cost(s, base_e + e, 1, 0)
    for m, places in mentors.values():
        flow.add_arc_with_capacity_and_unit_cost(base_m + m, t, places, 0)
    for e, m, cost in arcs:
        flow.add_arc_with_capacity_and_unit_cost(base_e + e, base_m + m, 1, cost)
    flow.set_node_supply(s, len(mentees))
    flow.set_node_supply(t, -len(mentees))
    t1 = time.perf_counter()
    status = flow.solve_max_flow_with_min_cost()
    t2 = time.perf_counter()
    if status != flow.OPTIMAL:
        sys.exit(f"OR-Tools: status {status}")
    matched = flow.maximum_flow()
    score_sum = 100 * matched - flow.optimal_cost()
    print(json.dumps({"read_s": t1 - t0, "solve_s": t2 - t1,
                      "matched": matched, "score_sum": score_sum}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
