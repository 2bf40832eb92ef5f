/* The compiled search of optw.py: the same iterated local search, with moves between tours,
 * ruin-and-recreate and a recombination of an elite pool of tours (see the docstring of optw.py
 * for what each part does and docs/benchmarks.md for what each one brought).
 *
 * Every tour keeps, per position, the start of the visit, its arrival and its max shift (how
 * late the visit may start without breaking a later window), so that putting a node between two
 * neighbours, or a node or a short segment in the place of another, is checked in O(1) (O(length
 * of the segment)) without walking the rest of the tour.
 *
 * One entry point, search(); plain buffers in, lists of tours out; no NumPy headers needed. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EPS 1e-7
#define BIG 1e300
#define POOL_CAP 400
#define POOL_WITHIN 0.03 /* a local optimum this close to the best gives its tours to the pool */
#ifndef PACK_NODES
#define PACK_NODES 200000 /* branch-and-bound nodes of one set packing at most */
#endif

/* Which moves the search may use (bit mask; the tests switch them one by one). */
enum {
    MOVE_BETWEEN = 1,   /* relocate and exchange of visits between tours */
    MOVE_CROSS = 2,     /* cross-exchange of segments of up to three visits between tours */
    MOVE_RUIN = 4,      /* remove a related group of visits (place, time or score) */
    MOVE_POOL = 8,      /* recombine tours of the elite pool */
    MOVE_TOUR = 16,     /* empty a whole tour (tour-level shake) */
    MOVE_REPLACE = 32,  /* swap a visit for a better free node */
    MOVE_SEQUENCE = 64, /* or-opt and 2-opt inside a tour */
    MOVE_EVERY = 128,   /* sequence and between-tour moves after every round, not only on a best */
    MOVE_TAILS = 256,   /* 2-opt* between interchangeable tours: exchange their ends */
};
#define BETWEEN_TOURS (MOVE_BETWEEN | MOVE_TAILS) /* the moves between_tours() makes */

/* The moves between tours only put a visit next to one of its NEAR nearest places (a granular
 * neighbourhood: the others almost never shorten anything and cost most of the time). */
#define NEAR 16

typedef struct {
    int t;        /* tour it was built for (any tour of the same class may take it) */
    int len;      /* visits, without start and end */
    double score; /* sum of the visits' scores */
    uint64_t hash;
    int *nodes;
} PoolTour;

typedef struct {
    int n, m, cap, nslot, ngroup;
    const double *score, *guide2, *dur, *O, *C, *T;
    const int *group, *slot, *tclass;
    const unsigned char *cand, *locked;
    /* state */
    int *route, *len;
    double *st, *ar, *ms;
    unsigned char *used;
    int *near, near_count; /* near[i * near_count ...]: the places nearest to i */
    int *where;            /* where[node]: t * cap + k, see index_visits */
    int *gcount, *scount;
    double *bshift;
    int *bpos;
    unsigned char *stale; /* stale[t]: tour t changed since positions() last ran on it */
    double *TT;   /* the travel matrix transposed: TT[j * n + i] = travel from i to j */
    double *scan; /* 3 * cap doubles of scratch for positions() */
    /* the fresh solution (fixed, forced and seeded nodes) */
    int *fresh_route, *fresh_len;
    /* scratch */
    int *tmp, *tmp2;
    double *noise_buf;
    /* knobs */
    double noise;
    int window, moves, replace_rounds;
    uint64_t rng;
    double deadline; /* < 0: none */
    PoolTour pool[POOL_CAP];
    int pool_size;
    long applied[9]; /* how often each move (bit k of MOVE_*) changed the solution */
} S;

static void count(S *s, int move) {
    for (int k = 0; k < 9; k++)
        if (move == 1 << k) s->applied[k]++;
}

/* ---- small helpers ------------------------------------------------------------------------- */
/* The clock of the time limit: wall clock, or (cpu_clock) this thread's processor time, which a
 * busy machine does not eat into, for comparing variants of the search on a shared machine. */
static int cpu_clock = 0;
static double now(void) {
    struct timespec ts;
    clock_gettime(cpu_clock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t next_u64(S *s) { /* splitmix64: small, fast, the same on every platform */
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double uniform(S *s) { return (next_u64(s) >> 11) * (1.0 / 9007199254740992.0); }
static int below(S *s, int k) { return k <= 1 ? 0 : (int)(next_u64(s) % (uint64_t)k); }

#define ROUTE(s, t) ((s)->route + (size_t)(t) * (s)->cap)
#define ST(s, t) ((s)->st + (size_t)(t) * (s)->cap)
#define AR(s, t) ((s)->ar + (size_t)(t) * (s)->cap)
#define MS(s, t) ((s)->ms + (size_t)(t) * (s)->cap)
#define OPEN(s, t) ((s)->O + (size_t)(t) * (s)->n)
#define CLOSE(s, t) ((s)->C + (size_t)(t) * (s)->n)
#define TRAVEL(s, i, j) ((s)->T[(size_t)(i) * (s)->n + (j)])
#define SLOTS(s, t) ((s)->scount + (size_t)(t) * (s)->nslot)

static int out_of_time(const S *s) { return s->deadline >= 0 && now() >= s->deadline; }

static int blocked(const S *s, int j) {
    return s->used[j] || (s->group[j] >= 0 && s->gcount[s->group[j]] > 0);
}

/* Would node j break the one-per-slot rule of tour t (ignoring the visit `leaving`)? */
static int slot_taken(const S *s, int t, int j, int leaving) {
    int k = s->slot[j];
    if (k <= 0) return 0;
    int count = SLOTS(s, t)[k] - (leaving >= 0 && s->slot[leaving] == k);
    return count > 0;
}

static void mark(S *s, int t, int node, int on) {
    int d = on ? 1 : -1;
    s->used[node] = (unsigned char)on;
    if (s->group[node] >= 0) s->gcount[s->group[node]] += d;
    if (s->slot[node] > 0) SLOTS(s, t)[s->slot[node]] += d;
}

/* Earliest starts, arrivals and max shifts of tour t; 0 if a window is missed. */
static int schedule(S *s, int t) {
    const int *r = ROUTE(s, t);
    const double *O = OPEN(s, t), *C = CLOSE(s, t);
    double *st = ST(s, t), *ar = AR(s, t), *ms = MS(s, t);
    int L = s->len[t], ok = 1, prev = r[0];
    double clock = O[prev];
    st[0] = ar[0] = clock;
    for (int k = 1; k < L; k++) {
        int node = r[k];
        double a = clock + s->dur[prev] + TRAVEL(s, prev, node);
        ar[k] = a;
        clock = a > O[node] ? a : O[node];
        st[k] = clock;
        if (clock > C[node] + EPS) ok = 0;
        prev = node;
    }
    double slack = C[r[L - 1]] - st[L - 1];
    ms[L - 1] = slack;
    for (int k = L - 2; k >= 0; k--) {
        double own = C[r[k]] - st[k];
        slack = st[k + 1] - ar[k + 1] + slack;
        if (own < slack) slack = own;
        ms[k] = slack;
    }
    return ok;
}

/* Shift that putting `j` after position p of tour t causes at position p + 1, or BIG if j misses
 * its window or a later visit would miss its own: the O(1) test. */
static double insertion_shift(const S *s, int t, int p, int j) {
    const int *r = ROUTE(s, t);
    const double *st = ST(s, t), *ar = AR(s, t), *ms = MS(s, t);
    int i = r[p], k = r[p + 1];
    double begin = st[p] + s->dur[i] + TRAVEL(s, i, j);
    if (begin < OPEN(s, t)[j]) begin = OPEN(s, t)[j];
    if (begin > CLOSE(s, t)[j] + EPS) return BIG;
    double shift = begin + s->dur[j] + TRAVEL(s, j, k) - ar[p + 1];
    if (shift > st[p + 1] - ar[p + 1] + ms[p + 1] + EPS) return BIG;
    return shift;
}

/* Cheapest feasible insertion of every free node in tour t (cached until the tour changes): the
 * test of insertion_shift, with what depends only on the position gathered first into
 * contiguous arrays and the travel to and from j read from row j of `travel` and of its
 * transpose, so that one node's scan stays in two rows of the cache (the same arithmetic, in the
 * same order, as insertion_shift: the same answers). */
static void positions(S *s, int t) {
    s->stale[t] = 0;
    double *bs = s->bshift + (size_t)t * s->n;
    int *bp = s->bpos + (size_t)t * s->n;
    int L = s->len[t];
    const int *r = ROUTE(s, t);
    const double *st = ST(s, t), *ar = AR(s, t), *ms = MS(s, t);
    const double *O = OPEN(s, t), *C = CLOSE(s, t);
    double *leave = s->scan, *reach = s->scan + s->cap, *room = s->scan + 2 * s->cap;
    for (int p = 0; p + 1 < L; p++) {
        leave[p] = st[p] + s->dur[r[p]];
        reach[p] = ar[p + 1];
        room[p] = st[p + 1] - ar[p + 1] + ms[p + 1] + EPS;
    }
    for (int j = 0; j < s->n; j++) {
        bs[j] = BIG;
        if (!s->cand[j] || blocked(s, j) || slot_taken(s, t, j, -1)) continue;
        double best = BIG, open = O[j], close = C[j] + EPS, dj = s->dur[j];
        const double *to_j = s->TT + (size_t)j * s->n, *from_j = s->T + (size_t)j * s->n;
        int at = -1;
        /* starts only grow along a tour: once one is past j's latest start, j fits no later */
        for (int p = 0; p + 1 < L && st[p] <= close; p++) {
            double begin = leave[p] + to_j[r[p]];
            if (begin < open) begin = open;
            if (begin > close) continue;
            double shift = begin + dj + from_j[r[p + 1]] - reach[p];
            if (shift > room[p]) continue;
            if (shift < best) best = shift, at = p;
        }
        bs[j] = best;
        bp[j] = at;
    }
}

/* Only insert_all reads what positions() finds: a changed tour is marked, and insert_all scans
 * it once however many moves changed it in between. */
static void refresh(S *s, int t) {
    schedule(s, t);
    s->stale[t] = 1;
}

static void refresh_all(S *s) {
    for (int t = 0; t < s->m; t++) refresh(s, t);
}

static void insert_at(S *s, int t, int node, int index) {
    int *r = ROUTE(s, t);
    memmove(r + index + 1, r + index, sizeof(int) * (size_t)(s->len[t] - index));
    r[index] = node;
    s->len[t]++;
    mark(s, t, node, 1);
}

static void remove_at(S *s, int t, int index) {
    int *r = ROUTE(s, t);
    mark(s, t, r[index], 0);
    memmove(r + index, r + index + 1, sizeof(int) * (size_t)(s->len[t] - index - 1));
    s->len[t]--;
}

static double total(const S *s) {
    double sum = 0;
    for (int t = 0; t < s->m; t++)
        for (int k = 1; k + 1 < s->len[t]; k++) sum += s->score[ROUTE(s, t)[k]];
    return sum;
}

/* ---- insertion ------------------------------------------------------------------------------ */
/* The best-ratio node (guide² / shift, times a random factor) goes in, until nothing fits. */
static void insert_all(S *s) {
    for (int t = 0; t < s->m; t++)
        if (s->stale[t]) positions(s, t);
    for (;;) {
        int best_j = -1, best_t = -1;
        double best_ratio = -1;
        for (int j = 0; j < s->n; j++) {
            if (!s->cand[j] || blocked(s, j)) continue;
            int tb = -1;
            double sh = BIG;
            for (int t = 0; t < s->m; t++) {
                double v = s->bshift[(size_t)t * s->n + j];
                if (v < sh) sh = v, tb = t;
            }
            if (tb < 0) continue;
            double ratio = s->guide2[j] / (sh > 1e-3 ? sh : 1e-3);
            if (s->noise > 0) ratio *= 1.0 + s->noise * uniform(s);
            if (ratio > best_ratio) best_ratio = ratio, best_j = j, best_t = tb;
        }
        if (best_j < 0) return;
        insert_at(s, best_t, best_j, s->bpos[(size_t)best_t * s->n + best_j] + 1);
        schedule(s, best_t);
        positions(s, best_t);
    }
}

/* ---- moves inside a tour -------------------------------------------------------------------- */
/* The new arrival home of tour t (scheduled: st is current) when its visits lo..hi become
 * trial[lo..hi] (trial equals the route elsewhere), BIG if a window is missed, or `end` itself as
 * soon as a visit after the changed stretch starts no earlier than it did: starts only grow
 * along a tour, so the tour cannot come home sooner. Walks from lo, not from the start. */
static double finish_changed(const S *s, int t, const int *trial, int L, int lo, int hi, double end) {
    const double *O = OPEN(s, t), *C = CLOSE(s, t), *st = ST(s, t);
    int prev = trial[lo - 1];
    double clock = st[lo - 1];
    for (int k = lo; k < L; k++) {
        int node = trial[k];
        double a = clock + s->dur[prev] + TRAVEL(s, prev, node);
        clock = a > O[node] ? a : O[node];
        if (clock > C[node] + EPS) return BIG;
        if (k > hi && clock >= st[k] - 1e-9) return end;
        prev = node;
    }
    return clock;
}

/* Keeps the move held in trial[lo..hi] if the tour comes home earlier with it; else puts trial
 * back as the route. */
static int keep_if_earlier(S *s, int t, int *trial, int lo, int hi, double *end) {
    int *r = ROUTE(s, t), L = s->len[t];
    double e = finish_changed(s, t, trial, L, lo, hi, *end);
    if (e < *end - 1e-9) {
        memcpy(r + lo, trial + lo, sizeof(int) * (size_t)(hi - lo + 1));
        schedule(s, t);
        *end = e;
        return 1;
    }
    memcpy(trial + lo, r + lo, sizeof(int) * (size_t)(hi - lo + 1));
    return 0;
}

/* Or-opt (move one visit up to `window` places) and 2-opt (reverse up to `window` visits) while
 * the tour comes home earlier; first improvement. A move is written into a copy of the route
 * over the stretch it changes only, and its schedule walked from there (finish_changed). */
static int improve_sequence(S *s, int t) {
    int L = s->len[t];
    if (L < 4) return 0;
    int *r = ROUTE(s, t), *trial = s->tmp, changed = 0, improved = 1;
    schedule(s, t);
    double end = ST(s, t)[L - 1];
    memcpy(trial, r, sizeof(int) * (size_t)L);
    while (improved && !out_of_time(s)) {
        improved = 0;
        for (int i = 1; i + 1 < L && !improved; i++) {
            int node = r[i];
            if (s->locked[node]) continue;
            int lo = i - s->window < 1 ? 1 : i - s->window;
            int hi = i + s->window > L - 2 ? L - 2 : i + s->window;
            for (int j = lo; j <= hi && !improved; j++) {
                if (j == i) continue;
                /* r[i] taken out and put back at index j */
                if (j < i) {
                    memmove(trial + j + 1, r + j, sizeof(int) * (size_t)(i - j));
                    trial[j] = node;
                    improved = keep_if_earlier(s, t, trial, j, i, &end);
                } else {
                    memmove(trial + i, r + i + 1, sizeof(int) * (size_t)(j - i));
                    trial[j] = node;
                    improved = keep_if_earlier(s, t, trial, i, j, &end);
                }
            }
        }
        for (int i = 1; i + 2 < L && !improved; i++) {
            int hi = i + s->window > L - 2 ? L - 2 : i + s->window;
            for (int j = i + 1; j <= hi && !improved; j++) {
                int locked = 0;
                for (int k = i; k <= j; k++) locked |= s->locked[r[k]];
                if (locked) break;
                for (int k = i; k <= j; k++) trial[k] = r[i + j - k];
                improved = keep_if_earlier(s, t, trial, i, j, &end);
            }
        }
        changed |= improved;
    }
    if (changed) s->stale[t] = 1, count(s, MOVE_SEQUENCE);
    return changed;
}

/* Take one visit out of tour t and put in the best-scoring free node that fits, if it scores
 * more (the best such swap of the tour). */
static int replace_in_tour(S *s, int t) {
    int L = s->len[t], *r = ROUTE(s, t), *saved = s->tmp2;
    double best_gain = 1e-9;
    int best_k = -1, best_j = -1;
    memcpy(saved, r, sizeof(int) * (size_t)L);
    for (int k = 1; k + 1 < L && !out_of_time(s); k++) {
        int out = saved[k];
        if (s->locked[out]) continue;
        /* the tour without `out` (still marked used, so it cannot come back) */
        memcpy(r, saved, sizeof(int) * (size_t)k);
        memcpy(r + k, saved + k + 1, sizeof(int) * (size_t)(L - k - 1));
        s->len[t] = L - 1;
        schedule(s, t);
        for (int j = 0; j < s->n; j++) {
            double gain = s->score[j] - s->score[out];
            if (gain <= best_gain || !s->cand[j] || blocked(s, j)) continue;
            if (slot_taken(s, t, j, out)) continue;
            for (int p = 0; p + 1 < L - 1; p++) {
                if (insertion_shift(s, t, p, j) < BIG) {
                    best_gain = gain, best_k = k, best_j = j;
                    break;
                }
            }
        }
    }
    memcpy(r, saved, sizeof(int) * (size_t)L);
    s->len[t] = L;
    schedule(s, t);
    if (best_k < 0) return 0;
    remove_at(s, t, best_k);
    schedule(s, t);
    double best = BIG;
    int at = -1;
    for (int p = 0; p + 1 < s->len[t]; p++) {
        double shift = insertion_shift(s, t, p, best_j);
        if (shift < best) best = shift, at = p;
    }
    insert_at(s, t, best_j, at + 1);
    count(s, MOVE_REPLACE);
    return 1;
}

/* ---- moves between tours -------------------------------------------------------------------- */
/* Time tour r spends between r[p-1] and r[q+1] on the visits r[p..q] (travel and durations; q =
 * p - 1: none, the direct hop): what the exchange moves compare. */
static double stretch_cost(const S *s, const int *r, int p, int q) {
    double c = 0;
    for (int k = p - 1; k <= q; k++) c += TRAVEL(s, r[k], r[k + 1]);
    for (int k = p; k <= q; k++) c += s->dur[r[k]];
    return c;
}

/* Does tour t stay feasible when its visits p..q (q = p - 1: none) give way to the nodes
 * seg[0..k)? Walks the new segment, then the max shift of the visit after it decides: O(k), not
 * O(length of the tour). `cost` receives what the new stretch costs (as stretch_cost). */
static int fits_segment(const S *s, int t, int p, int q, const int *seg, int k, double *cost) {
    const int *r = ROUTE(s, t);
    const double *O = OPEN(s, t), *C = CLOSE(s, t), *st = ST(s, t), *ar = AR(s, t), *ms = MS(s, t);
    int prev = r[p - 1], next = r[q + 1];
    double clock = st[p - 1], c = 0;
    for (int i = 0; i < k; i++) {
        int node = seg[i];
        double a = clock + s->dur[prev] + TRAVEL(s, prev, node);
        clock = a > O[node] ? a : O[node];
        if (clock > C[node] + EPS) return 0;
        c += TRAVEL(s, prev, node) + s->dur[node];
        prev = node;
    }
    double shift = clock + s->dur[prev] + TRAVEL(s, prev, next) - ar[q + 1];
    if (shift > st[q + 1] - ar[q + 1] + ms[q + 1] + EPS) return 0;
    *cost = c + TRAVEL(s, prev, next);
    return 1;
}

/* May the visits seg[0..k) go into tour t instead of the visits out[0..ko)? (slots, locks) */
static int slots_allow(const S *s, int t, const int *seg, int k, const int *out, int ko) {
    for (int i = 0; i < k; i++) {
        int sl = s->slot[seg[i]];
        if (sl <= 0) continue;
        int count = SLOTS(s, t)[sl];
        for (int o = 0; o < ko; o++) count -= s->slot[out[o]] == sl;
        for (int o = 0; o < i; o++) count += s->slot[seg[o]] == sl;
        if (count > 0) return 0;
    }
    return 1;
}

static int any_locked(const S *s, const int *seg, int k) {
    for (int i = 0; i < k; i++)
        if (s->locked[seg[i]]) return 1;
    return 0;
}

/* Replace visits a[p..p+ka) of tour ta by b[q..q+kb) of tour tb and vice versa (ka or kb may be
 * 0: a relocation), if both tours stay feasible and the two spend less time; then the tours are
 * rebuilt. Returns 1 if applied. */
static int try_exchange(S *s, int ta, int p, int ka, int tb, int q, int kb) {
    int *ra = ROUTE(s, ta), *rb = ROUTE(s, tb);
    int *sa = ra + p, *sb = rb + q;
    if (any_locked(s, sa, ka) || any_locked(s, sb, kb)) return 0;
    if (!slots_allow(s, ta, sb, kb, sa, ka) || !slots_allow(s, tb, sa, ka, sb, kb)) return 0;
    double old_a = stretch_cost(s, ra, p, p + ka - 1), old_b = stretch_cost(s, rb, q, q + kb - 1);
    double new_a, new_b;
    if (!fits_segment(s, ta, p, p + ka - 1, sb, kb, &new_a)) return 0;
    if (!fits_segment(s, tb, q, q + kb - 1, sa, ka, &new_b)) return 0;
    if (new_a + new_b >= old_a + old_b - 1e-6) return 0;
    count(s, ka + kb > 2 ? MOVE_CROSS : MOVE_BETWEEN);
    /* apply: build both routes in scratch, then copy back */
    int *na = s->tmp, *nb = s->tmp2, la = 0, lb = 0;
    for (int i = 0; i < p; i++) na[la++] = ra[i];
    for (int i = 0; i < kb; i++) na[la++] = sb[i];
    for (int i = p + ka; i < s->len[ta]; i++) na[la++] = ra[i];
    for (int i = 0; i < q; i++) nb[lb++] = rb[i];
    for (int i = 0; i < ka; i++) nb[lb++] = sa[i];
    for (int i = q + kb; i < s->len[tb]; i++) nb[lb++] = rb[i];
    for (int i = 0; i < ka; i++) mark(s, ta, sa[i], 0);
    for (int i = 0; i < kb; i++) mark(s, tb, sb[i], 0);
    memcpy(ra, na, sizeof(int) * (size_t)la);
    memcpy(rb, nb, sizeof(int) * (size_t)lb);
    s->len[ta] = la, s->len[tb] = lb;
    for (int i = p; i < p + kb; i++) mark(s, ta, ra[i], 1);
    for (int i = q; i < q + ka; i++) mark(s, tb, rb[i], 1);
    refresh(s, ta);
    refresh(s, tb);
    return 1;
}

static const double *sort_key;
static int by_key(const void *a, const void *b) {
    double x = sort_key[*(const int *)a], y = sort_key[*(const int *)b];
    return (x > y) - (x < y);
}

/* The NEAR places closest to each place (travel in and out), nearest first. */
static void build_near(S *s) {
    int n = s->n, *order = malloc(sizeof(int) * (size_t)n);
    double *key = malloc(sizeof(double) * (size_t)n);
    sort_key = key;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) key[j] = TRAVEL(s, i, j) + TRAVEL(s, j, i), order[j] = j;
        qsort(order, (size_t)n, sizeof(int), by_key);
        int w = 0;
        for (int k = 0; k < n && w < s->near_count; k++)
            if (order[k] != i) s->near[(size_t)i * s->near_count + w++] = order[k];
        for (; w < s->near_count; w++) s->near[(size_t)i * s->near_count + w] = -1;
    }
    free(order), free(key);
}

/* where[node] = t * cap + k for every visit (-1: not in a tour); rebuilt after a move. */
static void index_visits(S *s) {
    for (int j = 0; j < s->n; j++) s->where[j] = -1;
    for (int t = 0; t < s->m; t++)
        for (int k = 1; k + 1 < s->len[t]; k++) s->where[ROUTE(s, t)[k]] = t * s->cap + k;
}

/* Every way to move ka = 1..maxk visits of tour ta from p next to place u of another tour (just
 * after or just before it), alone (kb = 0) or in exchange for kb visits there. u is a start or
 * end node: its tours' first and last gaps. Returns 1 if a move was made. */
static int exchange_near(S *s, int ta, int p, int u, int maxk) {
    int qs[2 * 64], tbs[2 * 64], count = 0;
    if (s->where[u] >= 0) {
        int tb = s->where[u] / s->cap, k = s->where[u] % s->cap;
        if (tb == ta) return 0;
        tbs[count] = tb, qs[count++] = k + 1; /* after u */
        tbs[count] = tb, qs[count++] = k;     /* before u */
    } else {
        for (int tb = 0; tb < s->m && count + 2 <= 2 * 64; tb++) {
            if (tb == ta) continue;
            if (ROUTE(s, tb)[0] == u) tbs[count] = tb, qs[count++] = 1;
            if (ROUTE(s, tb)[s->len[tb] - 1] == u) tbs[count] = tb, qs[count++] = s->len[tb] - 1;
        }
    }
    for (int c = 0; c < count; c++) {
        int tb = tbs[c], q = qs[c];
        for (int ka = 1; ka <= maxk && p + ka <= s->len[ta] - 1; ka++)
            for (int kb = 0; kb <= maxk && q + kb <= s->len[tb] - 1; kb++) {
                if (ka + kb > 2 && !(s->moves & MOVE_CROSS)) continue;
                if (try_exchange(s, ta, p, ka, tb, q, kb)) return 1;
            }
    }
    return 0;
}

/* Would tours ta and tb keep within one-per-slot after ta takes tb's visits from q + 1 on and tb
 * takes ta's from p + 1 on? (No locked visit moves either.) O(length of the tails.) */
static int tails_allowed(S *s, int ta, int p, int tb, int q) {
    const int *ra = ROUTE(s, ta), *rb = ROUTE(s, tb);
    int La = s->len[ta], Lb = s->len[tb];
    if (any_locked(s, ra + p + 1, La - 2 - p) || any_locked(s, rb + q + 1, Lb - 2 - q)) return 0;
    if (s->nslot <= 1) return 1;
    int *count = s->tmp2; /* per slot: ta's head and tb's tail, then tb's head and ta's tail */
    for (int pass = 0; pass < 2; pass++) {
        memset(count, 0, sizeof(int) * (size_t)s->nslot);
        const int *head = pass ? rb : ra, *tail = pass ? ra : rb;
        int keep = pass ? q : p, from = pass ? p : q, L = pass ? La : Lb;
        for (int k = 1; k <= keep; k++) count[s->slot[head[k]] > 0 ? s->slot[head[k]] : 0]++;
        for (int k = from + 1; k + 1 < L; k++) count[s->slot[tail[k]] > 0 ? s->slot[tail[k]] : 0]++;
        for (int k = 1; k < s->nslot; k++)
            if (count[k] > 1) return 0;
    }
    return 1;
}

/* 2-opt* between two tours of one class (same start, end and windows): ta keeps its visits up
 * to p and goes on with tb's after q, tb keeps its own up to q and goes on with ta's after p,
 * when the two travel less. The max shift of the first visit of each new tail decides whether
 * the rest still fits: O(1) before the tails are looked at. Returns 1 if applied. */
static int try_tails(S *s, int ta, int p, int tb, int q) {
    if (s->tclass[ta] != s->tclass[tb]) return 0;
    int *ra = ROUTE(s, ta), *rb = ROUTE(s, tb), La = s->len[ta], Lb = s->len[tb];
    if (q < 0 || q > Lb - 2 || p > La - 2) return 0;
    int a = ra[p], a2 = ra[p + 1], b = rb[q], b2 = rb[q + 1];
    double gain = TRAVEL(s, a, a2) + TRAVEL(s, b, b2) - TRAVEL(s, a, b2) - TRAVEL(s, b, a2);
    if (gain <= 1e-6) return 0;
    const double *O = OPEN(s, ta);
    double begin = ST(s, ta)[p] + s->dur[a] + TRAVEL(s, a, b2);
    if (begin < O[b2]) begin = O[b2];
    if (begin > ST(s, tb)[q + 1] + MS(s, tb)[q + 1] + EPS) return 0;
    begin = ST(s, tb)[q] + s->dur[b] + TRAVEL(s, b, a2);
    if (begin < O[a2]) begin = O[a2];
    if (begin > ST(s, ta)[p + 1] + MS(s, ta)[p + 1] + EPS) return 0;
    if (!tails_allowed(s, ta, p, tb, q)) return 0;
    int *na = s->tmp, la = 0, lb = q + 1;
    for (int k = 0; k <= p; k++) na[la++] = ra[k];
    for (int k = q + 1; k < Lb; k++) na[la++] = rb[k];
    for (int k = p + 1; k < La; k++) rb[lb++] = ra[k]; /* tb's head stays where it is */
    memcpy(ra, na, sizeof(int) * (size_t)la);
    s->len[ta] = la, s->len[tb] = lb;
    if (s->nslot > 1) { /* the slot counts follow the visits (used[], groups: no change) */
        memset(SLOTS(s, ta), 0, sizeof(int) * (size_t)s->nslot);
        memset(SLOTS(s, tb), 0, sizeof(int) * (size_t)s->nslot);
        for (int k = 1; k + 1 < la; k++)
            if (s->slot[ra[k]] > 0) SLOTS(s, ta)[s->slot[ra[k]]]++;
        for (int k = 1; k + 1 < lb; k++)
            if (s->slot[rb[k]] > 0) SLOTS(s, tb)[s->slot[rb[k]]]++;
    }
    refresh(s, ta);
    refresh(s, tb);
    count(s, MOVE_TAILS);
    return 1;
}

/* ta's visit at p followed by place u of another tour (its visits from u on become ta's end). */
static int tails_near(S *s, int ta, int p, int u) {
    if (!(s->moves & MOVE_TAILS) || s->where[u] < 0) return 0;
    int tb = s->where[u] / s->cap, k = s->where[u] % s->cap;
    return tb != ta && try_tails(s, ta, p, tb, k - 1);
}

/* Relocate, exchange and (with MOVE_CROSS) cross-exchange of segments of up to three visits
 * between tours, each visit tried next to its NEAR nearest places only (a granular
 * neighbourhood), first improvement of the time the tours spend, until none: the freed time is
 * for insert_all. */
static int between_tours(S *s, int maxk) {
    int any = 0, improved = 1, rounds = 0;
    index_visits(s);
    while (improved && rounds++ < 20 && !out_of_time(s)) {
        improved = 0;
        for (int ta = 0; ta < s->m; ta++)
            for (int p = 1; p + 1 < s->len[ta]; p++) {
                const int *near = s->near + (size_t)ROUTE(s, ta)[p] * s->near_count;
                for (int k = 0; k < s->near_count && near[k] >= 0 && p + 1 < s->len[ta]; k++)
                    if (((s->moves & MOVE_BETWEEN) && exchange_near(s, ta, p, near[k], maxk)) ||
                        tails_near(s, ta, p, near[k])) {
                        improved = 1;
                        index_visits(s);
                    }
            }
        any |= improved;
    }
    return any;
}

/* ---- perturbations --------------------------------------------------------------------------- */
static void drop(S *s, int t, const unsigned char *doomed) {
    int *r = ROUTE(s, t), w = 1;
    for (int k = 1; k + 1 < s->len[t]; k++) {
        if (doomed[r[k]] && !s->locked[r[k]]) mark(s, t, r[k], 0);
        else r[w++] = r[k];
    }
    r[w++] = r[s->len[t] - 1];
    s->len[t] = w;
}

/* Vansteenwegen's shake: `size` consecutive visits from position `first` of every tour. */
static void shake(S *s, int size, int first, unsigned char *doomed) {
    memset(doomed, 0, (size_t)s->n);
    for (int t = 0; t < s->m; t++) {
        int count = s->len[t] - 2;
        for (int k = 0; k < size && k < count; k++) doomed[ROUTE(s, t)[1 + (first + k) % count]] = 1;
        drop(s, t, doomed);
        memset(doomed, 0, (size_t)s->n);
    }
    refresh_all(s);
}

/* Ruin: a seed visit and the `size` visits most related to it — by place (travel), by time
 * (start of the visit) or by low score — over all tours; recreate is insert_all. */
static void ruin(S *s, int size, unsigned char *doomed) {
    int visits = 0, *who = s->tmp, *tour_of = s->tmp2;
    double *rel = s->noise_buf;
    for (int t = 0; t < s->m; t++)
        for (int k = 1; k + 1 < s->len[t]; k++)
            if (!s->locked[ROUTE(s, t)[k]]) who[visits] = ROUTE(s, t)[k], tour_of[visits++] = t * s->cap + k;
    if (!visits) return;
    int seed = below(s, visits), kind = below(s, 3);
    int st_ = tour_of[seed] / s->cap, sk = tour_of[seed] % s->cap;
    for (int v = 0; v < visits; v++) {
        int t = tour_of[v] / s->cap, k = tour_of[v] % s->cap;
        if (kind == 0) rel[v] = TRAVEL(s, who[seed], who[v]) + TRAVEL(s, who[v], who[seed]);
        else if (kind == 1) rel[v] = fabs(ST(s, t)[k] - ST(s, st_)[sk]);
        else rel[v] = s->score[who[v]] / (1.0 + s->dur[who[v]]);
        rel[v] *= 1.0 + 0.3 * uniform(s);
    }
    memset(doomed, 0, (size_t)s->n);
    for (int c = 0; c < size && c < visits; c++) { /* partial selection of the smallest */
        int best = -1;
        for (int v = 0; v < visits; v++)
            if (!doomed[who[v]] && (best < 0 || rel[v] < rel[best])) best = v;
        doomed[who[best]] = 1;
    }
    for (int t = 0; t < s->m; t++) drop(s, t, doomed);
    refresh_all(s);
    count(s, MOVE_RUIN);
}

static void empty_tour(S *s, int t, unsigned char *doomed) {
    memset(doomed, 1, (size_t)s->n);
    drop(s, t, doomed);
    refresh_all(s);
    count(s, MOVE_TOUR);
}

/* ---- solutions and the elite pool ----------------------------------------------------------- */
static void save(const S *s, int *routes, int *lens) {
    memcpy(lens, s->len, sizeof(int) * (size_t)s->m);
    memcpy(routes, s->route, sizeof(int) * (size_t)s->m * s->cap);
}

static void load(S *s, const int *routes, const int *lens) {
    memcpy(s->len, lens, sizeof(int) * (size_t)s->m);
    memcpy(s->route, routes, sizeof(int) * (size_t)s->m * s->cap);
    memset(s->used, 0, (size_t)s->n);
    memset(s->gcount, 0, sizeof(int) * (size_t)(s->ngroup + 1));
    memset(s->scount, 0, sizeof(int) * (size_t)s->m * s->nslot);
    for (int t = 0; t < s->m; t++)
        for (int k = 1; k + 1 < s->len[t]; k++) mark(s, t, ROUTE(s, t)[k], 1);
    refresh_all(s);
}

static uint64_t tour_hash(const S *s, int t) {
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)s->tclass[t];
    for (int k = 1; k + 1 < s->len[t]; k++) h = (h ^ (uint64_t)ROUTE(s, t)[k]) * 1099511628211ULL;
    return h;
}

/* Keep the tours of a good solution; when full, a new tour replaces the worst one. */
static void pool_add(S *s) {
    for (int t = 0; t < s->m; t++) {
        int len = s->len[t] - 2;
        if (len <= 0) continue;
        uint64_t h = tour_hash(s, t);
        double sc = 0;
        for (int k = 1; k <= len; k++) sc += s->score[ROUTE(s, t)[k]];
        int dup = 0, worst = -1;
        for (int i = 0; i < s->pool_size && !dup; i++) {
            dup = s->pool[i].hash == h;
            if (worst < 0 || s->pool[i].score < s->pool[worst].score) worst = i;
        }
        if (dup) continue;
        PoolTour *slot;
        if (s->pool_size < POOL_CAP) slot = &s->pool[s->pool_size++];
        else if (s->pool[worst].score < sc) slot = &s->pool[worst];
        else continue;
        slot->t = t, slot->len = len, slot->score = sc, slot->hash = h;
        memcpy(slot->nodes, ROUTE(s, t) + 1, sizeof(int) * (size_t)len);
    }
}

/* ---- set packing over the pool ------------------------------------------------------------ */
typedef struct {
    const S *s;
    int words, limit, *order, *stack, *best_pick, best_count;
    const double *value;
    double *ahead; /* ahead[k]: the values of the tours at order[0..k) added up */
    uint64_t *bits; /* pool tour i: bits[i * words ...] */
    double best;
    long nodes;
} Packing;

static int disjoint(const uint64_t *a, const uint64_t *b, int words) {
    for (int w = 0; w < words; w++)
        if (a[w] & b[w]) return 0;
    return 1;
}

/* Depth-first branch and bound: pool tours by decreasing value, at most `limit` of them, no node
 * twice; the bound is the value so far plus the next best tours that could still come. */
static void pack_dfs(Packing *pk, int from, int depth, double value, uint64_t *mask) {
    if (value > pk->best + 1e-9) {
        pk->best = value, pk->best_count = depth;
        memcpy(pk->best_pick, pk->stack, sizeof(int) * (size_t)depth);
    }
    if (depth == pk->limit || ++pk->nodes > PACK_NODES) return;
    uint64_t *next = mask + pk->words;
    int size = pk->s->pool_size;
    for (int k = from; k < size; k++) {
        int i = pk->order[k];
        int last = k + pk->limit - depth < size ? k + pk->limit - depth : size;
        double bound = value + pk->ahead[last] - pk->ahead[k];
        if (bound <= pk->best + 1e-9) return; /* sorted: no later k does better */
        const uint64_t *b = pk->bits + (size_t)i * pk->words;
        if (!disjoint(mask, b, pk->words)) continue;
        for (int w = 0; w < pk->words; w++) next[w] = mask[w] | b[w];
        pk->stack[depth] = i;
        pack_dfs(pk, k + 1, depth + 1, value + pk->value[i], next);
    }
}

static const double *pack_key;
static int by_value_desc(const void *a, const void *b) {
    double x = pack_key[*(const int *)a], y = pack_key[*(const int *)b];
    return (x < y) - (x > y);
}

/* The best set of at most m disjoint pool tours (scores times 1 + 2 % noise, so that a pool that
 * has not changed still gives different answers): Hu & Lim's set partitioning, solved exactly
 * for the few tours a trip or a benchmark has. Writes pool indices to pick; returns how many. */
static int pack_exact(S *s, int *pick) {
    int P = s->pool_size, words = (s->n + 63) / 64;
    Packing pk = {s, words, s->m, malloc(sizeof(int) * (size_t)P), malloc(sizeof(int) * (size_t)(s->m + 1)),
                  pick, 0, NULL, NULL, calloc((size_t)P * words, sizeof(uint64_t)), 0, 0};
    double *value = malloc(sizeof(double) * (size_t)P);
    uint64_t *masks = calloc((size_t)(s->m + 2) * words, sizeof(uint64_t));
    for (int i = 0; i < P; i++) {
        pk.order[i] = i;
        value[i] = s->pool[i].score * (1.0 + 0.02 * uniform(s));
        for (int k = 0; k < s->pool[i].len; k++) {
            int v = s->pool[i].nodes[k];
            pk.bits[(size_t)i * words + v / 64] |= 1ULL << (v % 64);
        }
    }
    pk.value = value;
    pack_key = value;
    qsort(pk.order, (size_t)P, sizeof(int), by_value_desc);
    pk.ahead = malloc(sizeof(double) * (size_t)(P + 1));
    pk.ahead[0] = 0;
    for (int k = 0; k < P; k++) pk.ahead[k + 1] = pk.ahead[k] + value[pk.order[k]];
    pack_dfs(&pk, 0, 0, 0.0, masks);
    free(pk.order), free(pk.stack), free(pk.bits), free(value), free(masks), free(pk.ahead);
    return pk.best_count;
}

/* Can the pool be packed exactly? Only when every tour is interchangeable and empty at the
 * start (the benchmark): then any pool tour may go into any tour. */
static int packable(const S *s) {
    for (int t = 0; t < s->m; t++)
        if (s->tclass[t] != s->tclass[0] || s->fresh_len[t] != 2) return 0;
    return 1;
}

static void put_tour(S *s, int t, const PoolTour *pt) {
    for (int k = 0; k < pt->len; k++) insert_at(s, t, pt->nodes[k], k + 1);
    if (!schedule(s, t)) { /* cannot happen for a tour of the same class; be safe */
        for (int k = pt->len; k >= 1; k--) remove_at(s, t, k);
        schedule(s, t);
    }
}

/* A new solution from the pool: the exact packing when the tours are interchangeable, else tour
 * by tour (random order) the highest-scoring pool tour of that tour's class whose visits are all
 * still free (score times a random factor: a greedy, randomised packing). It starts from the
 * fresh solution, so fixed, forced and seeded nodes stay; a tour that holds any of them keeps
 * its own. */
static int recombine(S *s) {
    load(s, s->fresh_route, s->fresh_len);
    if (packable(s)) {
        int *pick = malloc(sizeof(int) * (size_t)(s->m + 1));
        int count = pack_exact(s, pick);
        for (int k = 0; k < count; k++) put_tour(s, k, &s->pool[pick[k]]);
        free(pick);
        refresh_all(s);
        if (count > 0) s->applied[3]++; /* MOVE_POOL */
        return count > 0;
    }
    unsigned char *chosen = (unsigned char *)s->noise_buf; /* pool_size bytes of scratch */
    memset(chosen, 0, (size_t)s->pool_size);
    int *order = s->tmp;
    for (int t = 0; t < s->m; t++) order[t] = t;
    for (int t = s->m - 1; t > 0; t--) {
        int j = below(s, t + 1), x = order[t];
        order[t] = order[j], order[j] = x;
    }
    for (int oi = 0; oi < s->m; oi++) {
        int t = order[oi];
        if (s->len[t] != 2) continue; /* a tour with fixed nodes keeps them */
        int best = -1;
        double best_value = -1;
        for (int i = 0; i < s->pool_size; i++) {
            PoolTour *pt = &s->pool[i];
            if (chosen[i] || s->tclass[pt->t] != s->tclass[t]) continue;
            int ok = 1;
            for (int k = 0; k < pt->len && ok; k++) ok = !blocked(s, pt->nodes[k]);
            if (!ok) continue;
            double value = pt->score * (1.0 + 0.1 * uniform(s));
            if (value > best_value) best_value = value, best = i;
        }
        if (best < 0) continue;
        chosen[best] = 1;
        put_tour(s, t, &s->pool[best]);
    }
    refresh_all(s);
    count(s, MOVE_POOL);
    return 1;
}

/* ---- polish and the loop -------------------------------------------------------------------- */
static void polish(S *s) {
    for (int round = 0; round <= s->replace_rounds; round++) {
        if (s->moves & MOVE_SEQUENCE)
            for (int t = 0; t < s->m; t++) improve_sequence(s, t);
        if (s->m > 1 && (s->moves & BETWEEN_TOURS)) between_tours(s, (s->moves & MOVE_CROSS) ? 3 : 1);
        insert_all(s);
        if (out_of_time(s) || !(s->moves & MOVE_REPLACE) || !s->replace_rounds) break;
        int changed = 0;
        for (int t = 0; t < s->m; t++) changed |= replace_in_tour(s, t);
        if (!changed) break;
        for (int t = 0; t < s->m; t++) refresh(s, t);
        insert_all(s);
    }
}

typedef struct {
    double seconds;
    long iterations;
    int restart_after, fresh_every;
    double shake_cap, polish_margin, ruin_share;
    double accept; /* record-to-record: a round's result within this share of the best is kept,
                      a worse one is undone (0: keep every result, a random walk) */
} Limits;

static long run(S *s, const Limits *lim, int *best_routes, int *best_lens) {
    int n = s->n, m = s->m;
    unsigned char *doomed = malloc((size_t)n);
    int restart_after = lim->restart_after;
    int half = n / 2 > 8 ? n / 2 : 8;
    if (restart_after > half) restart_after = half;
    if (restart_after < 1) restart_after = 1;
    int max_s = n / (3 * m) > 1 ? n / (3 * m) : 1;
    s->deadline = lim->seconds >= 0 ? now() + lim->seconds : -1;
    insert_all(s);
    polish(s);
    save(s, best_routes, best_lens);
    double best = total(s);
    if (s->moves & MOVE_POOL) pool_add(s);
    int size = 1, first = 0;
    long stale = 0, done = 0, restarts = 0;
    int *cur_routes = malloc(sizeof(int) * (size_t)m * s->cap), *cur_lens = malloc(sizeof(int) * (size_t)m);
    save(s, cur_routes, cur_lens);
    for (;;) {
        if (lim->iterations >= 0 && done >= lim->iterations) break;
        if (out_of_time(s)) break;
        done++;
        int smallest = n;
        for (int t = 0; t < m; t++)
            if (s->len[t] - 2 < smallest) smallest = s->len[t] - 2;
        if (smallest < 1) smallest = 1;
        if ((s->moves & MOVE_RUIN) && uniform(s) < lim->ruin_share) {
            int most = smallest / 2 + 2;
            ruin(s, 1 + below(s, most), doomed);
        } else {
            shake(s, size, first, doomed);
            first += size;
            size++;
            if (first >= smallest) first -= smallest;
            if (size > max_s || size > lim->shake_cap * smallest) size = 1;
        }
        insert_all(s);
        if (s->moves & MOVE_EVERY) {
            if (s->moves & MOVE_SEQUENCE)
                for (int t = 0; t < m; t++) improve_sequence(s, t);
            if (m > 1 && (s->moves & BETWEEN_TOURS)) between_tours(s, 1); /* cheap: single visits */
            insert_all(s);
        }
        double score = total(s);
        if (score > best - lim->polish_margin) {
            polish(s);
            score = total(s);
        }
        /* every good local optimum gives its tours, not only the new bests: recombination needs
         * many different tours to find disjoint ones that fit together */
        if ((s->moves & MOVE_POOL) && m > 1 && score >= best * (1.0 - POOL_WITHIN)) pool_add(s);
        if (score > best + 1e-9) {
            save(s, best_routes, best_lens);
            save(s, cur_routes, cur_lens);
            best = score;
            size = 1, stale = 0;
            continue;
        }
        if (lim->accept > 0) {
            if (score >= best * (1.0 - lim->accept)) save(s, cur_routes, cur_lens);
            else load(s, cur_routes, cur_lens);
        }
        stale++;
        if (stale % restart_after) continue;
        restarts++;
        if (lim->fresh_every && (stale / restart_after) % lim->fresh_every == 0) {
            load(s, s->fresh_route, s->fresh_len);
            insert_all(s);
            size = 1, first = 0;
        } else if ((s->moves & MOVE_POOL) && m > 1 && restarts % 2 == 0 &&
                   s->pool_size > m && recombine(s)) {
            insert_all(s);
            polish(s);
            size = 1, first = 0;
            /* the recombined solution may itself be a new best: the next round would shake it */
            double score = total(s);
            if (score > best + 1e-9) {
                save(s, best_routes, best_lens);
                best = score, stale = 0;
            }
        } else {
            load(s, best_routes, best_lens);
            if ((s->moves & MOVE_TOUR) && m > 1 && restarts % 3 == 0) empty_tour(s, below(s, m), doomed);
            int fewest = n;
            for (int t = 0; t < m; t++)
                if (s->len[t] - 2 < fewest) fewest = s->len[t] - 2;
            first = below(s, fewest > 1 ? fewest : 1);
            size = 1 + below(s, max_s);
        }
        save(s, cur_routes, cur_lens);
    }
    free(doomed), free(cur_routes), free(cur_lens);
    return done;
}

/* ---- the Python entry point ----------------------------------------------------------------- */
static int need(Py_buffer *b, Py_ssize_t count, Py_ssize_t item, const char *what) {
    if (b->len != count * item) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd bytes, got %zd", what, count * item, b->len);
        return 0;
    }
    return 1;
}

static PyObject *py_search(PyObject *self, PyObject *args, PyObject *kw) {
    static char *names[] = {"n", "m", "score", "guide2", "duration", "open", "close", "travel",
                            "group", "slot", "tour_class", "candidates", "locked", "routes",
                            "seed", "seconds", "iterations", "noise", "window", "moves",
                            "replace_rounds", "restart_after", "fresh_every", "shake_cap",
                            "polish_margin", "ruin_share", "accept", "cpu_clock", NULL};
    int n, m, window, moves, replace_rounds, restart_after, fresh_every;
    unsigned long long seed;
    int use_cpu = 0;
    long iterations;
    double seconds, noise, shake_cap, polish_margin, ruin_share, accept;
    Py_buffer b[12];
    PyObject *routes_in;
    memset(b, 0, sizeof b);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iiy*y*y*y*y*y*y*y*y*y*y*OKdldiiiiidddd|p", names, &n, &m,
                                     &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &b[6], &b[7], &b[8],
                                     &b[9], &b[10], &routes_in, &seed, &seconds, &iterations,
                                     &noise, &window, &moves, &replace_rounds, &restart_after,
                                     &fresh_every, &shake_cap, &polish_margin, &ruin_share, &accept, &use_cpu))
        return NULL;
    PyObject *result = NULL;
    S s;
    memset(&s, 0, sizeof s);
    int *best_routes = NULL, *best_lens = NULL;
    if (!need(&b[0], n, 8, "score") || !need(&b[1], n, 8, "guide2") || !need(&b[2], n, 8, "duration") ||
        !need(&b[3], (Py_ssize_t)n * m, 8, "open") || !need(&b[4], (Py_ssize_t)n * m, 8, "close") ||
        !need(&b[5], (Py_ssize_t)n * n, 8, "travel") || !need(&b[6], n, 4, "group") ||
        !need(&b[7], n, 4, "slot") || !need(&b[8], m, 4, "tour_class") ||
        !need(&b[9], n, 1, "candidates") || !need(&b[10], n, 1, "locked"))
        goto done;
    if (!PyList_Check(routes_in) || PyList_GET_SIZE(routes_in) != m) {
        PyErr_SetString(PyExc_ValueError, "routes: a list of one route per tour");
        goto done;
    }
    s.n = n, s.m = m, s.cap = n + 2;
    s.score = b[0].buf, s.guide2 = b[1].buf, s.dur = b[2].buf, s.O = b[3].buf, s.C = b[4].buf;
    s.T = b[5].buf, s.group = b[6].buf, s.slot = b[7].buf, s.tclass = b[8].buf;
    s.cand = b[9].buf, s.locked = b[10].buf;
    s.nslot = 1, s.ngroup = 0;
    for (int j = 0; j < n; j++) {
        if (s.slot[j] + 1 > s.nslot) s.nslot = s.slot[j] + 1;
        if (s.group[j] + 1 > s.ngroup) s.ngroup = s.group[j] + 1;
    }
    size_t rs = (size_t)m * s.cap;
    s.route = calloc(rs, sizeof(int)), s.len = calloc((size_t)m, sizeof(int));
    s.st = calloc(rs, sizeof(double)), s.ar = calloc(rs, sizeof(double));
    s.ms = calloc(rs, sizeof(double)), s.used = calloc((size_t)n, 1);
    s.near_count = NEAR < n - 1 ? NEAR : (n > 1 ? n - 1 : 1);
    s.near = calloc((size_t)n * s.near_count, sizeof(int));
    s.where = calloc((size_t)n, sizeof(int));
    s.gcount = calloc((size_t)s.ngroup + 1, sizeof(int));
    s.scount = calloc((size_t)m * s.nslot, sizeof(int));
    s.bshift = calloc((size_t)m * n, sizeof(double)), s.bpos = calloc((size_t)m * n, sizeof(int));
    s.stale = malloc((size_t)m);
    memset(s.stale, 1, (size_t)m);
    s.TT = malloc(sizeof(double) * (size_t)n * n), s.scan = calloc((size_t)3 * s.cap, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) s.TT[(size_t)j * n + i] = s.T[(size_t)i * n + j];
    s.fresh_route = calloc(rs, sizeof(int)), s.fresh_len = calloc((size_t)m, sizeof(int));
    s.tmp = calloc(rs + 4, sizeof(int)), s.tmp2 = calloc(rs + 4, sizeof(int));
    s.noise_buf = calloc(rs + POOL_CAP + 4, sizeof(double));
    best_routes = calloc(rs, sizeof(int)), best_lens = calloc((size_t)m, sizeof(int));
    for (int i = 0; i < POOL_CAP; i++) s.pool[i].nodes = NULL;
    int *pool_nodes = calloc((size_t)POOL_CAP * (n + 1), sizeof(int));
    for (int i = 0; i < POOL_CAP; i++) s.pool[i].nodes = pool_nodes + (size_t)i * (n + 1);
    for (int t = 0; t < m; t++) {
        PyObject *r = PyList_GET_ITEM(routes_in, t);
        if (!PyList_Check(r) || PyList_GET_SIZE(r) < 2 || PyList_GET_SIZE(r) > s.cap) {
            PyErr_SetString(PyExc_ValueError, "routes: each route is a list [start, ..., end]");
            goto cleanup;
        }
        s.fresh_len[t] = (int)PyList_GET_SIZE(r);
        for (int k = 0; k < s.fresh_len[t]; k++) {
            long v = PyLong_AsLong(PyList_GET_ITEM(r, k));
            if (v < 0 || v >= n) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "routes: node out of range");
                goto cleanup;
            }
            s.fresh_route[(size_t)t * s.cap + k] = (int)v;
        }
    }
    s.noise = noise, s.window = window, s.moves = moves, s.replace_rounds = replace_rounds;
    s.rng = seed;
    Limits lim = {seconds, iterations, restart_after, fresh_every, shake_cap, polish_margin, ruin_share, accept};
    long done;
    Py_BEGIN_ALLOW_THREADS
    cpu_clock = use_cpu;
    build_near(&s);
    load(&s, s.fresh_route, s.fresh_len);
    done = run(&s, &lim, best_routes, best_lens);
    Py_END_ALLOW_THREADS
    PyObject *tours = PyList_New(m);
    for (int t = 0; t < m; t++) {
        PyObject *tour = PyList_New(best_lens[t] - 2);
        for (int k = 1; k + 1 < best_lens[t]; k++)
            PyList_SET_ITEM(tour, k - 1, PyLong_FromLong(best_routes[(size_t)t * s.cap + k]));
        PyList_SET_ITEM(tours, t, tour);
    }
    PyObject *applied = PyList_New(9);
    for (int k = 0; k < 9; k++) PyList_SET_ITEM(applied, k, PyLong_FromLong(s.applied[k]));
    result = Py_BuildValue("(NlN)", tours, done, applied);
cleanup:
    free(pool_nodes);
    free(s.near), free(s.where), free(s.route), free(s.len), free(s.st), free(s.ar), free(s.ms), free(s.used), free(s.gcount);
    free(s.scount), free(s.bshift), free(s.bpos), free(s.stale), free(s.TT), free(s.scan), free(s.fresh_route), free(s.fresh_len);
    free(s.tmp), free(s.tmp2), free(s.noise_buf), free(best_routes), free(best_lens);
done:
    for (int i = 0; i < 11; i++)
        if (b[i].obj) PyBuffer_Release(&b[i]);
    return result;
}

static PyMethodDef methods[] = {
    {"search", (PyCFunction)(void (*)(void))py_search, METH_VARARGS | METH_KEYWORDS,
     "search(n, m, score, guide2, duration, open, close, travel, group, slot, tour_class, "
     "candidates, locked, routes, seed, seconds, iterations, noise, window, moves, "
     "replace_rounds, restart_after, fresh_every, shake_cap, polish_margin, ruin_share) -> "
     "(tours, iterations, how often each move changed the solution)"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_optw", NULL, -1, methods};

PyMODINIT_FUNC PyInit__optw(void) { return PyModule_Create(&module); }
