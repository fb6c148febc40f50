"""The Figure 3 matrix (matrices/figure3.ppo with matrices/categories.ppo) as a GoRules ZEN decision.

A JDM graph: the offender record goes in; an expression node cuts the record to what the matrix may
see (the three-year window, no events after as_of, only intelligence that counts); a decision table,
run once per visible offence, gives its row's points and weighting row; a second expression node
adds the offence lines and the factors and applies the main-category weighting; a decision table
gives the tier. Out come `eligible`, `total` and `tier`. Every number below is the one in
figure3.ppo; a change there needs the same change here (the comparison script checks the totals
before it times anything, so a drift cannot go unnoticed).
"""

import json

# categories.ppo: `code "28" -> burglary_dwelling` and so on, for offences that carry only a code.
CODES = {
    "28": "burglary_dwelling", "30": "burglary_other", "34": "robbery", "45": "theft_from_vehicle",
    "46": "shoplifting", "48": "theft_of_vehicle", "49": "theft_other", "54": "handling_stolen_goods",
    "56": "arson", "58A": "criminal_damage", "92D": "drugs_possession", "105A": "assault",
}

# figure3.ppo, offences "Crime categories": points, and series points where the row has them.
ROWS = [
    ("burglary_dwelling", 4, 5), ("burglary_other", 3, 4), ("handling_stolen_goods", 3, None),
    ("theft_of_vehicle", 3, None), ("theft_from_vehicle", 3, None), ("twoc", 3, None), ("shoplifting", 2, None),
    ("theft_other", 1, None), ("card_cheque_fraud", 0, 2), ("arson", 3, None), ("criminal_damage", 2, None),
    ("robbery", 5, None), ("sexual_offences", 5, None), ("assault", 3, None), ("public_order", 3, None),
    ("begging", 3, None), ("drunkenness", 2, None),
]

# weighting "Priority crime category" on main category, in row order.
WEIGHTS = [
    (["burglary_dwelling"], 6), (["burglary_other"], 5), (["theft_of_vehicle", "theft_from_vehicle", "twoc"], 4),
    (["shoplifting", "theft_other", "handling_stolen_goods"], 3), (["robbery", "assault", "sexual_offences"], 6),
]

# weighting rows by short name, for the points table's `group` output.
GROUPS = ["bd", "bo", "auto", "theft", "violence"]


def points_rules():
    """The offence points table, one rule per row (and per code that maps to the row's category),
    a series rule first where the row has series points; the last rule scores anything else 0."""
    group_of = {c: GROUPS[n] for n, (categories, _) in enumerate(WEIGHTS) for c in categories}
    codes_of = {}
    for code, name in CODES.items():
        codes_of.setdefault(name, []).append(code)
    rules = []
    for name, points, series in ROWS:
        group = group_of.get(name, "none")
        matchers = [(f"'{name}'", "")] + [("null", f"'{code}'") for code in codes_of.get(name, [])]
        for category, code in matchers:
            if series is not None:
                rules.append({"category": category, "code": code, "series": "true", "base": str(series), "group": f'"{group}"'})
            rules.append({"category": category, "code": code, "series": "", "base": str(points), "group": f'"{group}"'})
    rules.append({"category": "", "code": "", "series": "", "base": "0", "group": '"none"'})
    return [{"_id": f"rule-{n}", "in-category": r["category"], "in-code": r["code"], "in-series": r["series"],
             "out-base": r["base"], "out-group": r["group"]} for n, r in enumerate(rules)]


def visible(collection, start="$.start"):
    """Elements of `collection` dated inside the window and not after as_of."""
    return (f"filter({collection} ?? [], #.date != null and d(#.date) >= {start} "
            f"and d(#.date) <= $.asOfDate)")


def decision():
    # An offence's points: its row's (series) points times its evidence weight; none recorded, 0.
    points = "#.base * (#.evidence == null ? 0 : #.evidence == 'suspected' ? 0.5 : 1)"
    subtotals = [(f"s{n}", f"sum(map(filter(pts, #.group == '{GROUPS[n]}'), {points}))") for n in range(len(WEIGHTS))]
    weight = ("$.main <= 0 ? 1 : max([" +
              ", ".join(f"$.s{n} == $.main ? {w} : 0" for n, (_, w) in enumerate(WEIGHTS)) + "])")
    window = [
        ("asOfDate", "d(asOf)"),
        ("start", "$.asOfDate.sub(3, 'year')"),                      # window 3 years
        ("start12", "$.asOfDate.sub(12, 'month')"),                  # arrests within 12 months
        ("offs", visible("offences")),
        # intelligence counts when source in [1, 2] and assessment in [A, B, C] (graded items only)
        ("intel", f"filter({visible('intelligence')}, #.source != null and #.assessment != null "
                  f"and (#.source == 1 or #.source == 2) and #.assessment in ['A', 'B', 'C'])"),
        ("arrests12", f"len(filter({visible('arrests')}, d(#.date) >= $.start12))"),
        ("tests", visible("drug_tests")),
        ("asmts", visible("assessments")),
        ("eligible", "dob != null and d(dob).add(10, 'year') <= $.asOfDate"),   # eligible when age >= 10
        # Only what the next nodes read is passed on: the record itself stays behind.
        ("flags", "flags ?? []"),
        ("impact", "impact"),
    ]
    factors = [
        ("offencePoints", f"sum(map(pts, {points}))"),
        *subtotals,
        ("main", "max([" + ", ".join(f"$.s{n}" for n in range(len(WEIGHTS))) + "])"),
        ("weight", weight),
        ("elderly", "some(offs, 'elderly_victim' in (#.aggravating ?? [])) ? 5 : 0"),
        ("racial", "some(offs, 'racially_aggravated' in (#.aggravating ?? [])) ? 5 : 0"),
        ("oasys", "some(asmts, (#.tool == 'oasys' and (#.score ?? -1) >= 100) "
                  "or (#.tool == 'ogrs' and (#.score ?? -1) >= 75)) ? 5 : 0"),
        ("cdrp", "'cdrp_priority' in flags ? 5 : 0"),
        ("days", "len(intel) == 0 ? -1 : asOfDate.diff(max(map(intel, d(#.date))), 'day')"),
        ("currentIntelligence", "$.days < 0 ? 0 : $.days <= 28 ? 5 : $.days <= 56 ? 3 : 1"),
        ("serial", "len(offs) >= 7 ? 5 : len(offs) >= 2 ? 3 : 0"),
        ("impactPoints", "impact == 'serious' ? 5 : impact == 'moderate' ? 3 : impact == 'slight' ? 1 : 0"),
        ("crimeDependent", "'crime_dependent' in flags ? 5 : 0"),
        ("drugMDT", "some(tests, #.result == 'positive') ? 5 : 0"),
        ("drugSelf", "'drug_self_reported' in flags ? 3 : 0"),
        ("arrests", "3 * arrests12"),
        ("alcohol", "'alcohol_dependent' in flags ? 3 : 0"),
        ("eligible", "eligible"),
        ("total", "($.offencePoints + $.elderly + $.racial + $.oasys + $.cdrp + $.currentIntelligence + $.serial"
                  " + $.impactPoints + $.crimeDependent + $.drugMDT + $.drugSelf + $.arrests + $.alcohol) * $.weight"),
    ]
    def expressions(pairs):
        return [{"id": f"x{n}", "key": key, "value": value} for n, (key, value) in enumerate(pairs)]

    position = {"x": 0, "y": 0}
    nodes = [
        {"id": "request", "type": "inputNode", "name": "Offender", "position": position},
        {"id": "window", "type": "expressionNode", "name": "What the matrix may see", "position": position,
         "content": {"expressions": expressions(window)}},
        {"id": "points", "type": "decisionTableNode", "name": "Offence points", "position": position,
         "content": {
             "hitPolicy": "first",
             "inputs": [{"id": "in-category", "name": "Category", "field": "category"},
                        {"id": "in-code", "name": "Code", "field": "code"},
                        {"id": "in-series", "name": "Series", "field": "series"}],
             "outputs": [{"id": "out-base", "name": "Points", "field": "base"},
                         {"id": "out-group", "name": "Weighting row", "field": "group"}],
             "rules": points_rules(),
             "inputField": "offs", "outputPath": "pts", "executionMode": "loop", "passThrough": True,
         }},
        {"id": "score", "type": "expressionNode", "name": "Offence lines, factors, weighting", "position": position,
         "content": {"expressions": expressions(factors)}},
        {"id": "tiers", "type": "decisionTableNode", "name": "Tiers", "position": position,
         "content": {
             "hitPolicy": "first",
             "inputs": [{"id": "in-total", "name": "Total", "field": "total"}],
             "outputs": [{"id": "out-tier", "name": "Tier", "field": "tier"}],
             "rules": [
                 {"_id": "high", "in-total": ">= 150", "out-tier": '"High"'},
                 {"_id": "medium", "in-total": ">= 75", "out-tier": '"Medium"'},
                 {"_id": "low", "in-total": "", "out-tier": '"Low"'},
             ],
             "passThrough": True,
         }},
        {"id": "response", "type": "outputNode", "name": "Result", "position": position},
    ]
    order = ["request", "window", "points", "score", "tiers", "response"]
    edges = [{"id": f"edge-{n}", "sourceId": a, "targetId": b, "type": "edge"}
             for n, (a, b) in enumerate(zip(order, order[1:]))]
    return {"nodes": nodes, "edges": edges}


if __name__ == "__main__":
    print(json.dumps(decision(), indent=2))
