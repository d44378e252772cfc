//! Min-cost maximum flow on the matching network, by the primal-dual
//! method: Dijkstra with potentials finds the shortest augmenting distance,
//! then a blocking flow (Dinic) saturates every shortest path at once.
//! Costs are small non-negative integers, so there are few phases.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Kept small (12 bytes): every phase streams through all edges.
#[derive(Debug, Clone)]
struct Edge {
    to: u32,
    cap: i32,
    cost: i32,
}

/// A flow network; edge `2k` is the k-th added edge, `2k+1` its reverse.
pub struct Network {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Network {
    pub fn new(nodes: usize) -> Network {
        Network {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and returns its index (for reading its flow later).
    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        debug_assert!(cost >= 0, "costs are non-negative");
        let i = self.edges.len();
        let (cap, cost) = (cap.clamp(0, i64::from(i32::MAX)) as i32, cost as i32);
        self.edges.push(Edge {
            to: to as u32,
            cap,
            cost,
        });
        self.edges.push(Edge {
            to: from as u32,
            cap: 0,
            cost: -cost,
        });
        self.adj[from].push(i);
        self.adj[to].push(i + 1);
        i
    }

    /// The flow on an edge added by [`Network::add_edge`].
    pub fn flow(&self, edge: usize) -> i64 {
        i64::from(self.edges[edge + 1].cap)
    }

    /// Sends as much flow as possible from `s` to `t` at least total cost;
    /// returns (flow, cost).
    pub fn min_cost_max_flow(&mut self, s: usize, t: usize) -> (i64, i64) {
        let n = self.adj.len();
        let mut potential = vec![0i64; n];
        let (mut flow, mut cost) = (0, 0);
        loop {
            let dist = self.dijkstra(s, &potential);
            if dist[t] == i64::MAX {
                return (flow, cost);
            }
            for v in 0..n {
                if dist[v] != i64::MAX {
                    potential[v] += dist[v];
                }
            }
            // Every s-t path in the graph of zero reduced cost is shortest.
            let pushed = self.blocking_flow(s, t, &potential);
            flow += pushed;
            cost += pushed * (potential[t] - potential[s]);
        }
    }

    fn reduced(&self, from: usize, e: usize, potential: &[i64]) -> i64 {
        i64::from(self.edges[e].cost) + potential[from] - potential[self.edges[e].to as usize]
    }

    fn dijkstra(&self, s: usize, potential: &[i64]) -> Vec<i64> {
        let mut dist = vec![i64::MAX; self.adj.len()];
        let mut heap = BinaryHeap::new();
        dist[s] = 0;
        heap.push(Reverse((0i64, s)));
        while let Some(Reverse((d, v))) = heap.pop() {
            if d > dist[v] {
                continue;
            }
            for &e in &self.adj[v] {
                if self.edges[e].cap <= 0 {
                    continue;
                }
                let to = self.edges[e].to as usize;
                let nd = d + self.reduced(v, e, potential);
                if nd < dist[to] {
                    dist[to] = nd;
                    heap.push(Reverse((nd, to)));
                }
            }
        }
        dist
    }

    /// Dinic's blocking flow restricted to residual edges of zero reduced cost.
    fn blocking_flow(&mut self, s: usize, t: usize, potential: &[i64]) -> i64 {
        let n = self.adj.len();
        let mut total = 0;
        loop {
            let mut level = vec![u32::MAX; n];
            level[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                for &e in &self.adj[v] {
                    let to = self.edges[e].to as usize;
                    if self.edges[e].cap > 0
                        && level[to] == u32::MAX
                        && self.reduced(v, e, potential) == 0
                    {
                        level[to] = level[v] + 1;
                        queue.push_back(to);
                    }
                }
            }
            if level[t] == u32::MAX {
                return total;
            }
            let mut next = vec![0usize; n];
            loop {
                let pushed = self.augment(s, t, i64::MAX, &level, &mut next, potential);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    /// One augmenting path along increasing levels, iteratively (paths can
    /// be long), with current-arc pointers.
    fn augment(
        &mut self,
        s: usize,
        t: usize,
        limit: i64,
        level: &[u32],
        next: &mut [usize],
        potential: &[i64],
    ) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut v = s;
        loop {
            if v == t {
                let pushed = path
                    .iter()
                    .map(|&e| i64::from(self.edges[e].cap))
                    .min()
                    .unwrap_or(limit)
                    .min(limit);
                for &e in &path {
                    self.edges[e].cap -= pushed as i32;
                    self.edges[e ^ 1].cap += pushed as i32;
                }
                return pushed;
            }
            let mut advanced = false;
            while next[v] < self.adj[v].len() {
                let e = self.adj[v][next[v]];
                let to = self.edges[e].to as usize;
                if self.edges[e].cap > 0
                    && level[to] == level[v] + 1
                    && self.reduced(v, e, potential) == 0
                {
                    path.push(e);
                    v = to;
                    advanced = true;
                    break;
                }
                next[v] += 1;
            }
            if !advanced {
                // Dead end: retreat and skip the arc that led here.
                match path.pop() {
                    None => return 0,
                    Some(e) => {
                        v = self.edges[e ^ 1].to as usize;
                        next[v] += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_more_flow_then_less_cost() {
        // Two sources of demand, one cheap shared target: both must flow,
        // so one takes the dearer edge.
        let mut n = Network::new(6);
        let (s, a, b, x, y, t) = (0, 1, 2, 3, 4, 5);
        n.add_edge(s, a, 1, 0);
        n.add_edge(s, b, 1, 0);
        let ax = n.add_edge(a, x, 1, 0);
        n.add_edge(a, y, 1, 50);
        n.add_edge(b, x, 1, 10);
        n.add_edge(x, t, 1, 0);
        n.add_edge(y, t, 1, 0);
        assert_eq!(n.min_cost_max_flow(s, t), (2, 60));
        assert_eq!(n.flow(ax), 0);
    }
}
