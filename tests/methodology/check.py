#!/usr/bin/env python3
"""Recompute drplan's estimate from docs/methodology.md and data/*.csv alone,
and compare every figure with what `drplan estimate '<link>' --format json`
prints.

Python 3 standard library only. Usage:

    python3 tests/methodology/check.py [--drplan PATH] [--data DIR] [LINK ...]

Without LINK it checks the three reference scenarios (the default, the
production-tier example `v=1`, and the article's cost-optimization example).
Exit status 0 when every figure matches, 1 on any mismatch or binary failure.
If drplan refuses the empty link, that is reported as a failure and the
default's figures are then checked through the link '?'. Free text (`how`,
`reason`, `warnings`, names, labels, the design's descriptions) is not
compared; every other field of the JSON "estimate" object is.
"""

import argparse
import csv
import itertools
import json
import os
import subprocess
import sys
import urllib.parse
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The article's cost-optimization example (Part 6.1), as the canonical share
# link `drplan estimate` prints for it.
PART_6_1_LINK = (
    "v=2&catalog=2026-12&name=Full+versus+optimized+DR&secondary=eu-west-1"
    "&strategy=warm_standby&p1=openai/gpt-4o&p2=azure-openai/gpt-4o"
    "&p3=anthropic/claude-sonnet-4-5&ai_monthly=3000&compute_monthly=2000"
    "&vector_monthly=1500&storage_monthly=500&network_monthly=300"
    "&cross_region_gb=20000&cross_region_monthly=0&replication_gb=10000"
    "&replication_monthly=500&monitoring_monthly=0"
)
SCENARIOS = [("default", ""), ("production-tier example", "v=1"),
             ("Part 6.1 example", PART_6_1_LINK)]

HOURS_PER_MONTH = D(730)


# ---------------------------------------------------------------- Conventions
# "Output precision": every figure rounded half away from zero.

def rnd(x, places):
    return D(x).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def hours(x):
    return rnd(x, 2)


def minutes(x):
    return rnd(x, 1)


def ratio(x):
    return rnd(x, 2)


def percent(x):
    return rnd(x, 1)


def cents(x):
    return rnd(x, 2)


def ceil(x):
    return D(x).to_integral_value(rounding=ROUND_CEILING)


# -------------------------------------------------------------------- Catalog

def load_catalog(data_dir):
    def rows(name):
        with open(os.path.join(data_dir, name), newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    cat = {
        "meta": rows("meta.csv")[0],
        "regions": {r["id"]: r for r in rows("regions.csv")},
        "region_prices": {(r["region"], r["resource"]): D(r["price"])
                          for r in rows("region_prices.csv")},
        "storage": {r["id"]: r for r in rows("storage_classes.csv")},
        "strategies": rows("strategies.csv"),
        "tiers": {r["id"]: r for r in rows("tiers.csv")},
        "transfer": {(r["from_region"], r["to_region"]): D(r["price_per_gb"])
                     for r in rows("transfer.csv")},
        "vector_dbs": {r["id"]: r for r in rows("vector_dbs.csv")},
        "risks": rows("risks.csv"),
        "providers": {r["id"]: r for r in rows("providers.csv")},
    }
    # "A model's price is the row of data/models.csv in force on the
    # catalog's publication date (its latest price_from on or before it)."
    published = cat["meta"]["published"]
    models = {}
    for r in rows("models.csv"):
        if r["price_from"] and r["price_from"] > published:
            continue
        key = (r["provider"], r["model"])
        if key not in models or (r["price_from"] or "") >= (models[key]["price_from"] or ""):
            models[key] = r
    cat["models"] = models
    return cat


# --------------------------------------------------------- Share links (docs/share-links.md)

# Every parameter of docs/share-links.md with its default ("" = empty).
DEFAULTS = {
    "name": "AI assistant (from quantities)", "tier": "production", "rto": "", "rpo": "",
    "primary": "us-east-1", "secondary": "us-west-2", "strategy": "active_passive",
    "standby_fraction": "0.2", "p1": "anthropic/claude-sonnet-4-5",
    "p2": "aws-bedrock/claude-sonnet-4-5", "p3": "google-vertex/gemini-2-5-flash",
    "p4": "", "p5": "", "failover_minutes": "5", "requests": "1000000",
    "input_tokens": "400", "output_tokens": "100", "ai_monthly": "", "vcpus": "16",
    "compute_monthly": "", "compute_secondary_monthly": "", "provision_minutes": "15",
    "vector_db": "pinecone-serverless", "vector_writes": "100000", "vector_replicas": "1",
    "vector_gb": "", "vectors": "4000000", "dimensions": "1536", "vector_monthly": "",
    "vector_secondary_monthly": "", "vector_backed_up": "true", "data_gb": "500",
    "storage_class": "s3-standard", "storage_monthly": "", "storage_secondary_monthly": "",
    "documents": "400000", "tokens_per_document": "5000",
    "embedding": "openai/text-embedding-3-small", "embedding_tpm": "",
    "snapshot_minutes": "60", "standard_days": "1", "infrequent_days": "7",
    "archive_days": "90", "standard_class": "s3-standard",
    "infrequent_class": "s3-standard-ia", "archive_class": "s3-glacier-flexible",
    "restore_gb_per_hour": "100", "network_monthly": "0", "cross_region_gb": "2000",
    "cross_region_monthly": "", "replication_gb": "1000", "replication_monthly": "",
    "replication_lag_minutes": "5", "monitoring_monthly": "100",
    "downtime_cost_per_hour": "15000", "currency": "USD", "rate": "1",
    "mc_years": "10000", "mc_seed": "1",
}

# methodology.md, "Reproducing 'Real Cost Example (Production Tier)'": a
# format-1 link (v=1) is read against this example instead of the default.
PRODUCTION_TIER_EXAMPLE = dict(DEFAULTS, **{
    "name": "Production tier example", "secondary": "eu-west-1",
    "p1": "openai/gpt-4o", "p2": "azure-openai/gpt-4o:provisioned:500",
    "p3": "anthropic/claude-sonnet-4-5",
    "compute_monthly": "800", "compute_secondary_monthly": "800",
    "vector_monthly": "1200", "vector_secondary_monthly": "1200",
    "storage_monthly": "300", "storage_secondary_monthly": "300",
    "cross_region_gb": "20000", "cross_region_monthly": "400",
    "replication_gb": "10000", "replication_monthly": "200",
})


def decode_link(link):
    """A share link → a scenario dict (values as Decimal / str / None)."""
    q = link.split("?", 1)[1] if "?" in link else link
    pairs = urllib.parse.parse_qsl(q, keep_blank_values=True, strict_parsing=False)
    given = {}
    for k, v in pairs:
        if k in given:
            raise ValueError(f"parameter {k} given twice")
        given[k] = v
    version = given.pop("v", None)
    given.pop("catalog", None)
    raw = dict(PRODUCTION_TIER_EXAMPLE if version == "1" else DEFAULTS)
    for k, v in given.items():
        if k.startswith("price."):
            raise ValueError("price overrides are not implemented by this checker")
        if k not in raw:
            raise ValueError(f"unknown parameter {k}")
        raw[k] = v

    def num(k):
        return D(raw[k]) if raw[k] != "" else None

    s = {k: num(k) for k in (
        "rto", "rpo", "standby_fraction", "failover_minutes", "requests", "input_tokens",
        "output_tokens", "ai_monthly", "vcpus", "compute_monthly", "compute_secondary_monthly",
        "provision_minutes", "vector_writes", "vector_replicas", "vector_gb", "vectors",
        "dimensions", "vector_monthly", "vector_secondary_monthly", "data_gb",
        "storage_monthly", "storage_secondary_monthly", "documents", "tokens_per_document",
        "embedding_tpm", "snapshot_minutes", "standard_days", "infrequent_days",
        "archive_days", "restore_gb_per_hour", "network_monthly", "cross_region_gb",
        "cross_region_monthly", "replication_gb", "replication_monthly",
        "replication_lag_minutes", "monitoring_monthly", "downtime_cost_per_hour", "rate")}
    for k in ("tier", "primary", "secondary", "strategy", "vector_db", "storage_class",
              "embedding", "standard_class", "infrequent_class", "archive_class", "currency"):
        s[k] = raw[k]
    s["vector_backed_up"] = raw["vector_backed_up"] == "true"
    chain = []
    for k in ("p1", "p2", "p3", "p4", "p5"):
        if raw[k] == "":
            continue
        parts = raw[k].split(":")
        provider, model = parts[0].split("/", 1)
        standby = parts[1] if len(parts) > 1 and parts[1] else "pay_per_use"
        amount = D(parts[2]) if len(parts) > 2 and parts[2] else D(0)
        chain.append({"provider": provider, "model": model, "standby": standby,
                      "amount": amount, "id": f"{provider}/{model}"})
    s["chain"] = chain
    return s


# ---------------------------------------------- Inputs and how a monthly cost is found

def vector_index_gb(s):
    # "The index is GB = entered, else vectors × dimensions × 4 bytes ÷ 10⁹"
    if s["vector_gb"] is not None:
        return s["vector_gb"]
    return s["vectors"] * s["dimensions"] * 4 / D(10) ** 9


class Pricing:
    """Exact (unrounded) USD amounts of a full copy of each layer, per region."""

    def __init__(self, cat, s):
        self.cat, self.s = cat, s

    def region_price(self, region, resource):
        return self.cat["region_prices"][(region, resource)]

    def multiplier(self, region):
        return D(self.cat["regions"][region]["storage_multiplier"])

    # Compute: vCPUs × the region's vcpu_hour × 730 h
    def compute(self, region):
        return self.s["vcpus"] * self.region_price(region, "vcpu_hour") * HOURS_PER_MONTH

    # Vector database: by the offering's model
    def vector(self, region, serves_queries):
        s, cat = self.s, self.cat
        off = cat["vector_dbs"][s["vector_db"]]
        gb = vector_index_gb(s)
        if off["model"] == "serverless":
            storage = gb * D(off["storage_gb_month"])
            wu = s["dimensions"] * 4 / D(1000)
            writes = s["vector_writes"] * wu * D(off["write_units_per_million"]) / D(10) ** 6
            if not serves_queries:
                return storage + writes
            ru = max(gb, D("0.25"))
            reads = s["requests"] * ru * D(off["read_units_per_million"]) / D(10) ** 6
            return max(storage + reads + writes, D(off["minimum_monthly"]))
        ram = gb * D(off["index_overhead"])
        nodes = max(ceil(ram / D(off["node_ram_gb"])), D(1))
        monthly = s["vector_replicas"] * nodes * self.region_price(region, off["node_resource"]) * HOURS_PER_MONTH
        if off["model"] in ("postgres", "self_hosted"):
            monthly += s["vector_replicas"] * ram * self.region_price(region, "db_storage_gb_month")
        return monthly

    # AI provider (first link): requests × (in × in price + out × out price) ÷ 10⁶
    def ai_primary(self):
        s = self.s
        if s["ai_monthly"] is not None:
            return s["ai_monthly"]
        link = s["chain"][0]
        if self.cat["providers"][link["provider"]]["kind"] == "self_hosted":
            return self.gpus(link, s["primary"])
        m = self.cat["models"][(link["provider"], link["model"])]
        return s["requests"] * (s["input_tokens"] * D(m["input_per_mtok"])
                                + s["output_tokens"] * D(m["output_per_mtok"])) / D(10) ** 6

    def gpus(self, link, region):
        s = self.s
        m = self.cat["models"][(link["provider"], link["model"])]
        tps = s["requests"] * s["output_tokens"] / D(2628000)
        n = max(ceil(tps / D(m["gpu_tokens_per_second"])), D(1))
        return n * self.region_price(region, "gpu_hour") * HOURS_PER_MONTH

    def standby_ai(self, link, standby=None):
        standby = standby or link["standby"]
        if self.cat["providers"][link["provider"]]["kind"] == "self_hosted":
            return self.gpus(link, self.s["secondary"])
        return link["amount"] if standby == "provisioned" else D(0)

    # Storage: data GB × the class's us-east-1 price × the region's multiplier
    def storage(self, region):
        cls = self.cat["storage"][self.s["storage_class"]]
        return self.s["data_gb"] * D(cls["price_per_gb_month"]) * self.multiplier(region)

    # Backup retention ladder
    def rungs(self, newest_class=None):
        s = self.s
        out = []
        for tier, days, cls in (("standard", s["standard_days"], s["standard_class"]),
                                ("infrequent", s["infrequent_days"], s["infrequent_class"]),
                                ("archive", s["archive_days"], s["archive_class"])):
            if days > 0:
                out.append([tier, days, cls])
        if newest_class is not None:
            out[0][2] = newest_class
        return out

    def snapshot_gb(self):
        s = self.s
        return s["data_gb"] + (vector_index_gb(s) if s["vector_backed_up"] else 0)

    def ladder(self, region, newest_class=None):
        total = D(0)
        for _tier, days, cls_id in self.rungs(newest_class):
            cls = self.cat["storage"][cls_id]
            billed = max(days, D(cls["min_days"]))
            total += D(cls["price_per_gb_month"]) * billed / days
        return self.snapshot_gb() * total * self.multiplier(region)

    # Network: inter-region price primary → secondary
    def transfer_price(self):
        p, sec, t = self.s["primary"], self.s["secondary"], self.cat["transfer"]
        for key in ((p, sec), (p, "*"), ("*", sec), ("*", "*")):
            if key in t:
                return t[key]

    def data_transfer(self):
        if self.s["cross_region_monthly"] is not None:
            return self.s["cross_region_monthly"]
        return self.s["cross_region_gb"] * self.transfer_price()

    def replication(self):
        if self.s["replication_monthly"] is not None:
            return self.s["replication_monthly"]
        return self.s["replication_gb"] * self.transfer_price()


# ------------------------------------------------------------------ The plans

LAYERS = (("compute", "compute"), ("vector_db", "vector"), ("storage", "storage"))


def line(component, location, item, usd, entered, rate, provider=None):
    monthly = cents(usd * rate)
    return {"component": component, "location": location, "item": item,
            "provider": provider, "monthly": monthly, "annual": monthly * 12,
            "entered": entered, "usd": cents(usd)}


def primary_lines(pr, s, rate, newest_class=None):
    out = []
    out.append(line("compute", "primary", "compute",
                    s["compute_monthly"] if s["compute_monthly"] is not None else pr.compute(s["primary"]),
                    s["compute_monthly"] is not None, rate))
    out.append(line("vector_db", "primary", "vector_db",
                    s["vector_monthly"] if s["vector_monthly"] is not None else pr.vector(s["primary"], True),
                    s["vector_monthly"] is not None, rate))
    # The AI line is never marked entered (see methodology.md, "AI provider chain").
    out.append(line("ai", "primary", "ai_provider", pr.ai_primary(), False, rate, s["chain"][0]["id"]))
    out.append(line("storage", "primary", "storage",
                    s["storage_monthly"] if s["storage_monthly"] is not None else pr.storage(s["primary"]),
                    s["storage_monthly"] is not None, rate))
    if s["storage_monthly"] is None:
        out.append(line("storage", "primary", "backups", pr.ladder(s["primary"], newest_class), False, rate))
    out.append(line("network", "primary", "network", s["network_monthly"], True, rate))
    return out


def full_copy(pr, s, layer):
    """(exact USD of a full secondary copy, entered flag)."""
    entered = s[{"compute": "compute_monthly", "vector_db": "vector_monthly",
                 "storage": "storage_monthly"}[layer]]
    if entered is not None:
        return entered, True
    if layer == "compute":
        return pr.compute(s["secondary"]), False
    if layer == "vector_db":
        return pr.vector(s["secondary"], False), False
    return pr.storage(s["secondary"]), False


def dr_plan_lines(pr, s, rate, f, use_entered_secondary, chain_modes=None, newest_class=None):
    """A DR plan with factors f = {compute, vector_db, storage, replication}."""
    out = primary_lines(pr, s, rate, newest_class)
    secondary_entered = {"compute": s["compute_secondary_monthly"],
                         "vector_db": s["vector_secondary_monthly"],
                         "storage": s["storage_secondary_monthly"]}
    for layer in ("compute", "vector_db"):
        if use_entered_secondary and secondary_entered[layer] is not None:
            out.append(line(layer, "secondary", layer, secondary_entered[layer], True, rate))
        else:
            usd, ent = full_copy(pr, s, layer)
            out.append(line(layer, "secondary", layer, usd * f[layer], ent, rate))
    for i, link in enumerate(s["chain"][1:]):
        mode = chain_modes[i] if chain_modes else None
        out.append(line("ai", "secondary", "ai_provider", pr.standby_ai(link, mode), False, rate, link["id"]))
    storage_entered_here = use_entered_secondary and secondary_entered["storage"] is not None
    if storage_entered_here:
        out.append(line("storage", "secondary", "storage", secondary_entered["storage"], True, rate))
    else:
        usd, ent = full_copy(pr, s, "storage")
        out.append(line("storage", "secondary", "storage", usd * f["storage"], ent, rate))
    if s["storage_monthly"] is None and not storage_entered_here:
        out.append(line("storage", "secondary", "backups", pr.ladder(s["secondary"], newest_class), False, rate))
    out.append(line("network", "cross_region", "data_transfer", pr.data_transfer(),
                    s["cross_region_monthly"] is not None, rate))
    out.append(line("network", "cross_region", "replication", pr.replication() * f["replication"],
                    s["replication_monthly"] is not None, rate))
    out.append(line("monitoring", "cross_region", "monitoring", s["monitoring_monthly"], True, rate))
    return out


def plan(lines):
    by_c = {k: D(0) for k in ("compute", "vector_db", "ai", "storage", "network", "monitoring")}
    by_l = {k: D(0) for k in ("primary", "secondary", "cross_region")}
    for ln in lines:
        by_c[ln["component"]] += ln["monthly"]
        by_l[ln["location"]] += ln["monthly"]
    monthly = sum((ln["monthly"] for ln in lines), D(0))
    return {"lines": lines,
            "by_component": [{"key": k, "monthly": v, "annual": v * 12} for k, v in by_c.items()],
            "by_location": [{"key": k, "monthly": v, "annual": v * 12} for k, v in by_l.items()],
            "monthly": monthly, "annual": monthly * 12,
            "usd_annual": sum((ln["usd"] for ln in lines), D(0)) * 12}


# ----------------------------------------------------------------- Strategies

def strategy_settings(s, row):
    sf = s["standby_fraction"]
    uses = row["uses_standby_fraction"] == "true"
    g = (lambda k: sf) if uses else (lambda k: D(row[k]))
    return {"compute": g("compute"), "vector_db": g("vector_db"), "storage": g("storage"),
            "replication": g("replication"),
            "capacity": sf if uses else D(row["standby_capacity"]),
            "data": row["data"], "replication_mode": row["replication_mode"],
            "failover": D(row["failover_minutes"])}


def newest_rung_restore_hours(cat, pr, s, newest_class=None):
    """Retrieval hours of the newest rung + snapshot GB ÷ restore GB/h (exact);
    the longer of that and re-embedding when the index is not backed up."""
    cls = cat["storage"][pr.rungs(newest_class)[0][2]]
    h = D(cls["retrieval_hours"]) + pr.snapshot_gb() / s["restore_gb_per_hour"]
    if not s["vector_backed_up"]:
        h = max(h, reembedding_hours_exact(cat, s))
    return h


def chain_minutes(cat, s):
    """"Achieved RTO": minutes the scenario's own AI provider chain needs to
    recover: the failover minutes when a fallback carries the traffic
    (provisioned, self-hosted, or a rate limit at least the workload's tokens
    a minute), else the AI provider outage's likely hours waited out."""
    need_tpm = s["requests"] * (s["input_tokens"] + s["output_tokens"]) / D(43800)
    for f in s["chain"][1:]:
        model = cat["models"][(f["provider"], f["model"])]
        tpm = D(model["tokens_per_minute"]) if model["tokens_per_minute"] else None
        if f["standby"] == "provisioned" or cat["providers"][f["provider"]]["kind"] == "self_hosted" \
                or (tpm is not None and tpm >= need_tpm):
            return D(s["failover_minutes"])
    return max(D(r["hours_likely"]) for r in cat["risks"] if r["mitigation"] == "provider_failover") * 60


def strategy_rto_rpo(cat, pr, s, st):
    rto = st["failover"] + s["provision_minutes"] * (1 - st["capacity"])
    if st["data"] == "restore":
        rto += newest_rung_restore_hours(cat, pr, s) * 60
    rto = max(rto, chain_minutes(cat, s))
    rpo = {"snapshot": s["snapshot_minutes"], "async": s["replication_lag_minutes"],
           "sync": D(0)}[st["replication_mode"]]
    return rto, rpo


def regional_sum(p, location):
    return sum((ln["monthly"] for ln in p["lines"]
                if ln["location"] in location and ln["item"] in ("compute", "vector_db", "storage")), D(0))


def strategies(cat, pr, s, rate, targets, production):
    rows = []
    for row in cat["strategies"]:
        st = strategy_settings(s, row)
        chosen = row["id"] == s["strategy"]
        p = plan(dr_plan_lines(pr, s, rate, st, use_entered_secondary=chosen))
        rto, rpo = strategy_rto_rpo(cat, pr, s, st)
        rows.append({
            "id": row["id"], "monthly": p["monthly"], "annual": p["annual"],
            "relative_to_one_region": ratio(regional_sum(p, ("primary", "secondary"))
                                            / regional_sum(p, ("primary",))),
            "relative_to_production": ratio(p["monthly"] / production["monthly"]),
            "rto_minutes": minutes(rto), "rpo_minutes": minutes(rpo),
            "meets_rto": minutes(rto) <= targets[0], "meets_rpo": minutes(rpo) <= targets[1],
            "chosen": chosen, "_plan": p, "_rto_exact": rto})
    return rows


# ---------------------------------------------------------- Per-layer optimizer

def optimizer(cat, pr, s, rate, targets):
    rto_t, rpo_t = targets
    rows = [strategy_settings(s, r) for r in cat["strategies"]]
    compute_modes, data_modes = [], []
    for st in rows:
        c = (st["compute"], st["capacity"], st["failover"])
        if c not in compute_modes:
            compute_modes.append(c)
        d = (st["vector_db"], st["storage"], st["replication"], st["data"], st["replication_mode"])
        if d not in data_modes:
            data_modes.append(d)
    fallbacks = s["chain"][1:]
    chain_modes = list(itertools.product(*[
        ["pay_per_use", "provisioned"] if (f["amount"] > 0 or f["standby"] == "provisioned")
        else ["pay_per_use"] for f in fallbacks]))
    backup_modes = list(cat["storage"].keys())

    # Fixed part and each mode's monthly, from rounded cost lines.
    full = {layer: full_copy(pr, s, layer)[0] for layer in ("compute", "vector_db", "storage")}
    prod_lines = primary_lines(pr, s, rate)
    fixed = (sum((ln["monthly"] for ln in prod_lines if ln["item"] != "backups"), D(0))
             + cents(pr.data_transfer() * rate) + cents(s["monitoring_monthly"] * rate))
    need_tpm = s["requests"] * (s["input_tokens"] + s["output_tokens"]) / D(43800)
    outage_hours = max(D(r["hours_likely"]) for r in cat["risks"]
                       if r["mitigation"] == "provider_failover" and r["id"] == "ai_provider_outage")

    def chain_cost_and_minutes(modes):
        cost = sum((cents(pr.standby_ai(f, m) * rate) for f, m in zip(fallbacks, modes)), D(0))
        carries = False
        for f, m in zip(fallbacks, modes):
            model = cat["models"][(f["provider"], f["model"])]
            tpm = D(model["tokens_per_minute"]) if model["tokens_per_minute"] else None
            if m == "provisioned" or cat["providers"][f["provider"]]["kind"] == "self_hosted" \
                    or (tpm is not None and tpm >= need_tpm):
                carries = True
        mins = s["failover_minutes"] if carries else outage_hours * 60
        return cost, minutes(mins)

    def backups_cost_and_minutes(cls):
        cost = D(0)
        if s["storage_monthly"] is None:
            cost = cents(pr.ladder(s["primary"], cls) * rate) + cents(pr.ladder(s["secondary"], cls) * rate)
        return cost, minutes(newest_rung_restore_hours(cat, pr, s, cls) * 60)

    designs = []
    for ci, cm in enumerate(compute_modes):
        c_cost = cents(full["compute"] * cm[0] * rate)
        c_rec = minutes(s["provision_minutes"] * (1 - cm[1]))
        c_fail = minutes(cm[2])
        for di, dm in enumerate(data_modes):
            d_cost = (cents(full["vector_db"] * dm[0] * rate) + cents(full["storage"] * dm[1] * rate)
                      + cents(pr.replication() * dm[2] * rate))
            d_rpo = minutes({"snapshot": s["snapshot_minutes"], "async": s["replication_lag_minutes"],
                             "sync": D(0)}[dm[4]])
            for hi, hm in enumerate(chain_modes):
                h_cost, h_rec = chain_cost_and_minutes(hm)
                for bi, bm in enumerate(backup_modes):
                    b_cost, b_rec = backups_cost_and_minutes(bm)
                    d_rec = b_rec if dm[3] == "restore" else D(0)
                    rto = max(h_rec, c_fail + max(c_rec, d_rec))
                    rpo = max(d_rpo, minutes(s["snapshot_minutes"])) if dm[3] == "restore" else d_rpo
                    monthly = fixed + c_cost + d_cost + h_cost + b_cost
                    designs.append({"order": (ci, di, hi, bi), "monthly": monthly, "rto": rto, "rpo": rpo,
                                    "meets": rto <= rto_t and rpo <= rpo_t,
                                    "modes": (cm, dm, hm, bm)})
    meeting = [d for d in designs if d["meets"]]
    if meeting:
        best = min(meeting, key=lambda d: (d["monthly"], d["rto"], d["rpo"], d["order"]))
    else:
        best = min(designs, key=lambda d: (max(D(0), d["rto"] - rto_t), max(D(0), d["rpo"] - rpo_t),
                                           d["monthly"], d["order"]))
    cm, dm, hm, bm = best["modes"]
    f = {"compute": cm[0], "vector_db": dm[0], "storage": dm[1], "replication": dm[2]}
    p = plan(dr_plan_lines(pr, s, rate, f, use_entered_secondary=False, chain_modes=hm, newest_class=bm))
    return best, p


# ----------------------------------------------------------------- Recovery

def reembedding_hours_exact(cat, s):
    prov, model = s["embedding"].split("/", 1)
    m = cat["models"][(prov, model)]
    tpm = s["embedding_tpm"] if s["embedding_tpm"] is not None else D(m["tokens_per_minute"])
    return s["documents"] * s["tokens_per_document"] / tpm / 60


def recovery(cat, pr, s, rate):
    prov, model = s["embedding"].split("/", 1)
    price = D(cat["models"][(prov, model)]["input_per_mtok"])
    tokens = s["documents"] * s["tokens_per_document"]
    restores = []
    for tier, days, cls_id in pr.rungs():
        cls = cat["storage"][cls_id]
        restores.append({"tier": tier, "class": cls_id, "retention_days": days,
                         "retrieval_hours": D(cls["retrieval_hours"]),
                         "hours": hours(D(cls["retrieval_hours"]) + pr.snapshot_gb() / s["restore_gb_per_hour"]),
                         "cost": cents(pr.snapshot_gb() * D(cls["retrieval_per_gb"]) * rate)})
    return {"reembedding": {"documents": s["documents"], "tokens": tokens,
                            "cost_per_document": s["tokens_per_document"] * price / D(10) ** 6 * rate,
                            "cost": cents(tokens * price / D(10) ** 6 * rate),
                            "hours": hours(reembedding_hours_exact(cat, s))},
            "restores": restores, "snapshot_gb": minutes(pr.snapshot_gb())}


# ----------------------------------------------------------------- Risk matrix

def risk_matrix(cat, pr, s, rate, chosen_rto_exact, reembed_cost_usd, dr_annual_cost):
    dc = s["downtime_cost_per_hour"]
    primary, fallback = s["chain"][0], (s["chain"][1] if len(s["chain"]) > 1 else None)

    def per_request(link):
        if cat["providers"][link["provider"]]["kind"] == "self_hosted":
            return D(0)
        m = cat["models"][(link["provider"], link["model"])]
        return (s["input_tokens"] * D(m["input_per_mtok"]) + s["output_tokens"] * D(m["output_per_mtok"])) / D(10) ** 6

    rows = []
    for r in cat["risks"]:
        events, share = D(r["events_likely"]), D(r["impact_share"])
        without = hours(D(r["hours_likely"]))
        cap = None
        mit = r["mitigation"]
        if mit == "provider_failover" and fallback is not None:
            cap = s["failover_minutes"] / 60
        elif mit == "region_failover":
            cap = chosen_rto_exact / 60
        elif mit == "backup_restore":
            cap = newest_rung_restore_hours(cat, pr, s)
        elif mit == "vector_restore":
            if s["vector_backed_up"]:
                cls = cat["storage"][pr.rungs()[0][2]]
                cap = D(cls["retrieval_hours"]) + vector_index_gb(s) / s["restore_gb_per_hour"]
            else:
                cap = reembedding_hours_exact(cat, s)
        with_ = without if cap is None else min(without, hours(cap))
        one_off = reembed_cost_usd if r["id"] == "vector_index_loss" else D(0)
        avoided = one_off if (r["id"] == "vector_index_loss" and s["vector_backed_up"]) else D(0)
        ale_without = cents(events * (without * share * dc + one_off) * rate)
        ale_reduction = cents(events * ((without - with_) * share * dc + avoided) * rate)
        fb = D(0)
        if mit == "provider_failover" and fallback is not None:
            fb = max(D(0), events * (without - with_) * share * (s["requests"] / HOURS_PER_MONTH)
                     * (per_request(fallback) - per_request(primary)))
        rows.append({"id": r["id"], "priority": int(r["priority"]), "impact_share": share,
                     "events_range": {"low": D(r["events_low"]), "likely": events, "high": D(r["events_high"])},
                     "hours_range": {"low": D(r["hours_low"]), "likely": D(r["hours_likely"]),
                                     "high": D(r["hours_high"])},
                     "events_per_year": events, "hours_without": without, "hours_with": with_,
                     "ale_without": ale_without, "ale_with": ale_without - ale_reduction,
                     "ale_reduction": ale_reduction, "fallback_cost": cents(fb * rate),
                     "_avoided_h": events * (without - with_) * share})
    total_red = sum((x["ale_reduction"] for x in rows), D(0))
    return {"rows": rows,
            "ale_without": sum((x["ale_without"] for x in rows), D(0)),
            "ale_with": sum((x["ale_with"] for x in rows), D(0)),
            "ale_reduction": total_red,
            "fallback_cost": sum((x["fallback_cost"] for x in rows), D(0)),
            "dr_annual_cost": dr_annual_cost,
            "return_on_dr_spend": ratio(total_red / dr_annual_cost) if dr_annual_cost else None,
            "downtime_avoided_hours": hours(sum((x["_avoided_h"] for x in rows), D(0)))}


# ----------------------------------------------------------------- Estimate

def estimate(cat, s):
    rate = s["rate"]
    pr = Pricing(cat, s)
    tier = cat["tiers"][s["tier"]]
    targets = ((s["rto"], s["rpo"]) if s["rto"] is not None
               else (D(tier["rto_minutes"]), D(tier["rpo_minutes"])))
    ones = {"compute": D(1), "vector_db": D(1), "storage": D(1), "replication": D(1)}
    sf = s["standby_fraction"]
    standby_f = {"compute": sf, "vector_db": sf, "storage": sf, "replication": sf}
    production = plan(primary_lines(pr, s, rate))
    full = plan(dr_plan_lines(pr, s, rate, ones, use_entered_secondary=False))
    standby = plan(dr_plan_lines(pr, s, rate, standby_f, use_entered_secondary=False))
    rows = strategies(cat, pr, s, rate, targets, production)
    chosen = next(r for r in rows if r["chosen"])
    chosen_plan = chosen["_plan"]
    best, optimized = optimizer(cat, pr, s, rate, targets)

    def savings(p):
        m = full["monthly"] - p["monthly"]
        return {"monthly": m, "annual": full["annual"] - p["annual"],
                "percent": percent(m / full["monthly"] * 100)}

    # Break-even: in USD, from the plans' lines rounded to cents in USD.
    usd_dr_cost = chosen_plan["usd_annual"] - production["usd_annual"]
    dr_annual_cost = chosen_plan["annual"] - production["annual"]
    rec = recovery(cat, pr, s, rate)
    prov, model = s["embedding"].split("/", 1)
    reembed_usd = cents(s["documents"] * s["tokens_per_document"]
                        * D(cat["models"][(prov, model)]["input_per_mtok"]) / D(10) ** 6)
    risk = risk_matrix(cat, pr, s, rate, chosen["_rto_exact"], reembed_usd, dr_annual_cost)
    be_hours = hours(usd_dr_cost / s["downtime_cost_per_hour"])
    break_even = {"hours": be_hours, "annual_dr_cost": dr_annual_cost,
                  "downtime_cost_per_hour": cents(s["downtime_cost_per_hour"] * rate),
                  "article_hours": hours(chosen_plan["usd_annual"] / s["downtime_cost_per_hour"]),
                  "article_annual_cost": chosen_plan["annual"],
                  "downtime_avoided_hours": risk["downtime_avoided_hours"],
                  "covered": risk["downtime_avoided_hours"] >= be_hours}
    rto_t, rpo_t = targets
    recommendation = {"meets": best["meets"], "monthly": best["monthly"], "annual": best["monthly"] * 12,
                      "rto_minutes": best["rto"], "rpo_minutes": best["rpo"],
                      "rto_shortfall_minutes": max(D(0), best["rto"] - rto_t),
                      "rpo_shortfall_minutes": max(D(0), best["rpo"] - rpo_t)}
    return {"currency": {"rate_from_usd": rate},
            "targets": {"rto_minutes": targets[0], "rpo_minutes": targets[1]},
            "production_only": production, "full_dr": full, "optimized_dr": optimized,
            "savings": savings(optimized), "standby_dr": standby, "standby_savings": savings(standby),
            "dr_plan": chosen_plan, "strategies": rows, "recommendation": recommendation,
            "break_even": break_even, "risk": risk, "recovery": rec}


# ----------------------------------------------------------------- Comparison

FREE_TEXT = {"how", "reason", "warnings", "name", "design", "likelihood", "impact", "code",
             "catalog_version"}


class Comparer:
    def __init__(self, scenario):
        self.scenario, self.checked, self.mismatches = scenario, 0, 0

    def report(self, path, expected, got):
        self.mismatches += 1
        print(f"MISMATCH [{self.scenario}] {path}: document gives {expected!r}, drplan prints {got!r}")

    def same(self, expected, got):
        if isinstance(expected, bool) or isinstance(got, bool):
            return expected is got or expected == got
        if expected is None or got is None:
            return expected is None and got is None
        if isinstance(expected, (D, int)):
            try:
                return D(expected) == D(str(got))
            except Exception:
                return False
        return str(expected) == str(got)

    def walk(self, path, expected, got):
        """Compare every figure of `got` (drplan's JSON) with `expected`."""
        if isinstance(got, dict):
            for k, v in got.items():
                if k in FREE_TEXT or k.startswith("_"):
                    continue
                if not isinstance(expected, dict) or k not in expected:
                    self.checked += 1
                    self.report(f"{path}.{k}", "(not computed)", v)
                    continue
                self.walk(f"{path}.{k}", expected[k], v)
        elif isinstance(got, list):
            if not isinstance(expected, list) or len(expected) != len(got):
                self.checked += 1
                self.report(f"{path} (length)", len(expected) if isinstance(expected, list) else expected,
                            len(got))
                return
            for i, (e, g) in enumerate(zip(expected, got)):
                label = f"{path}[{i}]"
                if isinstance(g, dict):
                    ident = g.get("id") or g.get("key") or g.get("tier") or \
                        ("/".join(str(g.get(x)) for x in ("location", "item", "provider")) if "item" in g else None)
                    if ident:
                        label = f"{path}[{ident}]"
                self.walk(label, e, g)
        else:
            self.checked += 1
            if not self.same(expected, got):
                self.report(path, str(expected) if isinstance(expected, D) else expected, got)


def run_drplan(drplan, link):
    proc = subprocess.run([drplan, "estimate", link, "--format", "json"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip() or f"exit status {proc.returncode}"
    return json.loads(proc.stdout), None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drplan", default=os.path.join(ROOT, "target", "debug", "drplan"))
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    ap.add_argument("links", nargs="*", help="share links to check (default: the three reference scenarios)")
    args = ap.parse_args()
    cat = load_catalog(args.data)
    scenarios = [(l or "(empty link)", l) for l in args.links] if args.links else SCENARIOS
    failed = False
    for label, link in scenarios:
        out, err = run_drplan(args.drplan, link)
        if out is None:
            print(f"FAIL [{label}] drplan estimate {link!r} failed: {err}")
            failed = True
            if link != "":
                continue
            # The empty link is the default scenario; still check its figures
            # through '?', the same scenario written as a link with no parameter.
            label, link = f"{label}, as '?'", "?"
            out, err = run_drplan(args.drplan, link)
            if out is None:
                print(f"FAIL [{label}] drplan estimate '?' failed: {err}")
                continue
        expected = estimate(cat, decode_link(link))
        cmp = Comparer(label)
        cmp.walk("estimate", expected, out["estimate"])
        print(f"[{label}] {cmp.checked} figures checked, {cmp.mismatches} mismatches")
        failed = failed or cmp.mismatches > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
