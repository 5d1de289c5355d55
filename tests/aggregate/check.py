#!/usr/bin/env python3
"""Recompute drplan's exact annual-loss distribution with another library,
the `aggregate` package (Mildenhall), and compare mean, P90 and P99 of every
plan with drplan's.

Reads tests/aggregate/default.json, which engine/tests/it/loss.rs writes from
the code (and fails once when it is stale, so `cargo test` keeps it current):
the default scenario's per-event model in USD — per failure scenario the
events a year λ, the lognormal hours (μ, σ of ln H), the cost per hour, and
per plan the cap in hours and the one-off cost — and drplan's figures. Each
plan's loss is a compound Poisson sum whose severity is the mixture (weights
λ_r) of usd_per_hour × min(H, cap) + one_off; in `aggregate` terms a
lognormal severity of shape σ, scale usd_per_hour × e^μ, shifted by the
one-off, limited at usd_per_hour × cap + one_off, with Poisson counts.

`aggregate` puts each limit's point mass on the nearest bucket, so the
bucket size is chosen to divide every limit exactly (a divisor of their
greatest common divisor): off the grid, a rate-limit cap of 120 USD hit 365
times a year would move the figures by thousands.

Requires the `aggregate` package (pip install aggregate; written against
the Aggregate class of 0.30, whose arguments 1.x kept). Usage:

    python3 tests/aggregate/check.py [--fixture PATH] [--tolerance SHARE]

Exit status 0 when every figure is within the tolerance (default 0.5 %),
1 otherwise.
"""

import argparse
import json
import math
import os
import sys
import warnings
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Largest bucket, USD: fine enough that a bucket is a small share of any
# percentile compared (hundreds of thousands of USD).
MAX_BUCKET = Fraction(16)


def exact(x):
    """A JSON number as the decimal it was written as."""
    return Fraction(str(x))


def bucket(limits):
    """The largest divisor of the limits' greatest common divisor not above MAX_BUCKET."""
    g = Fraction(0)
    for x in limits:
        g = Fraction(math.gcd(g.numerator * x.denominator, x.numerator * g.denominator),
                     g.denominator * x.denominator)
    if g == 0:
        return MAX_BUCKET
    return g / math.ceil(g / MAX_BUCKET)


def plan_aggregate(Aggregate, risks, plan, bs, log2):
    """`aggregate`'s distribution of one plan's annual loss."""
    en, shape, scale, loc, limit = [], [], [], [], []
    for r in risks:
        duration = r["duration"]
        if "log_normal" not in duration:
            raise SystemExit(f"{r['id']}: only lognormal durations are modelled here: {duration}")
        mu, sigma = duration["log_normal"]["mu"], duration["log_normal"]["sigma"]
        a, b, cap = r["usd_per_hour"], r["one_off"][plan], r["cap_hours"][plan]
        en.append(r["events_per_year"])
        shape.append(sigma)
        scale.append(a * math.exp(mu))
        loc.append(b)
        limit.append(math.inf if cap is None else float(exact(a) * exact(cap) + exact(b)))
    agg = Aggregate(f"plan{plan}", exp_en=en, sev_name="lognorm", sev_a=shape,
                    sev_scale=scale, sev_loc=loc, exp_limit=limit, exp_attachment=0,
                    freq_name="poisson")
    agg.update(log2=log2, bs=float(bs), padding=1)
    return agg


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixture", default=os.path.join(ROOT, "tests/aggregate/default.json"))
    parser.add_argument("--tolerance", type=float, default=0.005)
    args = parser.parse_args()
    try:
        import aggregate
        from aggregate import Aggregate
    except ImportError:
        print("check.py: the `aggregate` package is missing (pip install aggregate)", file=sys.stderr)
        return 1
    # aggregate warns about its own numerics (e.g. the lognormal's moments); the comparison below decides.
    warnings.filterwarnings("ignore")
    with open(args.fixture, encoding="utf-8") as f:
        fixture = json.load(f)
    if fixture["currency"] != "USD":
        raise SystemExit("the model is in USD; the figures must be too")
    risks = [r for r in fixture["model"]["risks"] if r["events_per_year"] > 0]
    limits = {exact(r["usd_per_hour"]) * exact(cap) + exact(r["one_off"][plan])
              for r in risks for plan, cap in enumerate(r["cap_hours"]) if cap is not None}
    bs = bucket(limits)
    # The grid reaches 4 × the largest P99 (P99 is about mean + 3.5 sd here),
    # and padding=1 doubles it against wrap-around.
    top = 4 * max(float(p["p99"]) for p in fixture["plans"])
    log2 = math.ceil(math.log2(top / float(bs)))
    print(f"aggregate {aggregate.__version__}: bucket {float(bs)} USD, 2^{log2} buckets, "
          f"tolerance {args.tolerance:.1%}")
    mismatches = 0
    for plan, figures in enumerate(fixture["plans"]):
        agg = plan_aggregate(Aggregate, risks, plan, bs, log2)
        theirs = {"mean": agg.est_m, "p90": agg.q(0.9), "p99": agg.q(0.99)}
        for key, value in theirs.items():
            ours = float(figures[key])
            off = abs(ours - value) / value
            ok = off <= args.tolerance
            mismatches += not ok
            print(f"{'ok ' if ok else 'BAD'} {figures['name']:<17} {key:<4} drplan {ours:>13,.2f}"
                  f"  aggregate {value:>13,.2f}  {off:.3%}")
    print(f"{3 * len(fixture['plans'])} figures, {mismatches} outside {args.tolerance:.1%}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
