#!/usr/bin/env python3
"""Writes the Archi CSV exports the tests read, as Archi writes them: every
cell in double quotes with inner quotes doubled, CRLF before each row (so
none after the last), tabs in values turned into spaces, optionally a
byte-order mark.  The tests use the files; run this only to change them:

    python3 tests/data/archi/gen.py tests/data/archi
"""
import hashlib
import os
import sys

def aid(key):
    """An Archi-style ID: "id-" and 32 hex digits."""
    return "id-" + hashlib.md5(key.encode()).hexdigest()

MODEL = aid("model")

# Elements: key, type, name, documentation, specialization; in Archi's
# order: folder (strategy, business, application, technology, motivation,
# implementation and migration, other), then type, then name.
ELEMENTS = [
    ("cap", "Capability", "Customer insight", "", ""),
    ("actor", "BusinessActor", "Customer service team", "", ""),
    ("bp_returns", "BusinessProcess", "Handle returns", "", ""),
    ("app_checkout", "ApplicationComponent", "Checkout API", "", ""),
    ("app_crm", "ApplicationComponent", "CRM", "", ""),
    ("node", "Node", "Kubernetes cluster", "", ""),
    ("assess", "Assessment", "Checkout abandonment is 31%", "", ""),
    ("driver", "Driver", "Staff turnover", "", ""),
    ("g_cost", "Goal", "Cut IT running cost", "", ""),
    ("g_service", "Goal", "Delight customers",
     "Customers come back because buying from us is easy.\r\n"
     "Measured as \"would recommend\"; see the NPS outcome.", ""),
    ("g_growth", "Goal", "Grow online revenue",
     "Online revenue, net of returns.", "Objective"),
    ("g_legacy", "Goal", "Retire the mainframe", "", ""),
    ("o_checkout", "Outcome", "Checkout in under 60 seconds",
     "Median time from basket to confirmation.\n\n"
     "Owned with the checkout team;\tweekly.", "Key result"),
    ("o_mobile", "Outcome", "Mobile app rated 4.5", "", ""),
    ("o_nps", "Outcome", "NPS above 50", "", ""),
    ("o_eu", "Outcome", "Open in the EU", "", ""),
    ("pr_scv", "Principle", "Single customer view", "", ""),
    ("req_hosting", "Requirement", "Consolidate hosting", "", ""),
    ("req_licences", "Requirement", "Cut licence spend", "", ""),
    ("req_intranet", "Requirement", "Intranet search", "", ""),
    ("req_onepage", "Requirement", "One-page checkout", "", ""),
    ("stake", "Stakeholder", "Board", "", ""),
    ("d_platform", "Deliverable", "Consolidated platform", "", ""),
    ("d_checkout", "Deliverable", "New checkout service", "", ""),
    ("wp_checkout", "WorkPackage", "Checkout rewrite",
     "Replace the five-step checkout with one page.", ""),
    ("wp_crm", "WorkPackage", "CRM consolidation", "", ""),
    ("wp_hosting", "WorkPackage", "Hosting consolidation", "", ""),
    ("wp_intranet", "WorkPackage", "Intranet refresh", "", ""),
    ("wp_mainframe", "WorkPackage", "Mainframe exit", "", ""),
    ("j1", "Junction", "", "", ""),
]

# Relationships: key, type, name, documentation, source, target.
RELATIONS = [
    ("r_assign", "AssignmentRelationship", "", "", "actor", "bp_returns"),
    ("r_assoc_stake", "AssociationRelationship", "", "", "stake", "g_growth"),
    ("r_assoc_rel", "AssociationRelationship", "", "", "stake",
     "r_real_checkout_growth"),
    ("r_assoc_intranet", "AssociationRelationship", "", "", "wp_intranet",
     "g_service"),
    ("r_infl_checkout_service", "InfluenceRelationship", "", "",
     "o_checkout", "g_service"),
    ("r_infl_nps_service", "InfluenceRelationship", "", "", "o_nps",
     "g_service"),
    ("r_infl_nps_growth", "InfluenceRelationship", "", "", "o_nps",
     "g_growth"),
    ("r_infl_legacy_cost", "InfluenceRelationship", "", "", "g_legacy",
     "g_cost"),
    ("r_infl_scv_service", "InfluenceRelationship", "", "", "pr_scv",
     "g_service"),
    ("r_infl_hosting_licences", "InfluenceRelationship", "", "",
     "req_hosting", "req_licences"),
    ("r_infl_licences_hosting", "InfluenceRelationship", "", "",
     "req_licences", "req_hosting"),
    ("r_infl_intranet_driver", "InfluenceRelationship", "", "",
     "req_intranet", "driver"),
    ("r_infl_driver_service", "InfluenceRelationship", "", "", "driver",
     "g_service"),
    ("r_infl_crm_scv", "InfluenceRelationship", "", "", "wp_crm", "pr_scv"),
    ("r_real_cap_nps", "RealizationRelationship", "", "", "cap", "o_nps"),
    ("r_real_app_onepage", "RealizationRelationship", "", "",
     "app_checkout", "req_onepage"),
    ("r_real_dcheckout_app", "RealizationRelationship", "", "",
     "d_checkout", "app_checkout"),
    ("r_real_dplatform_hosting", "RealizationRelationship", "", "",
     "d_platform", "req_hosting"),
    ("r_real_checkout_growth", "RealizationRelationship", "drives",
     "Faster checkout converts more baskets:\r\nsee the \"funnel\" study.",
     "o_checkout", "g_growth"),
    ("r_real_eu_service", "RealizationRelationship", "", "", "o_eu",
     "g_service"),
    ("r_real_mobile_j1", "RealizationRelationship", "", "", "o_mobile", "j1"),
    ("r_real_j1_service", "RealizationRelationship", "", "", "j1",
     "g_service"),
    ("r_real_licences_cost", "RealizationRelationship", "", "",
     "req_licences", "g_cost"),
    ("r_real_onepage_checkout", "RealizationRelationship", "", "",
     "req_onepage", "o_checkout"),
    ("r_real_wpcheckout_d", "RealizationRelationship", "", "",
     "wp_checkout", "d_checkout"),
    ("r_real_wpcrm_cap", "RealizationRelationship", "", "", "wp_crm", "cap"),
    ("r_real_wphosting_d", "RealizationRelationship", "", "", "wp_hosting",
     "d_platform"),
    ("r_real_wpintranet_req", "RealizationRelationship", "", "",
     "wp_intranet", "req_intranet"),
    ("r_real_wpmainframe_legacy", "RealizationRelationship", "", "",
     "wp_mainframe", "g_legacy"),
    ("r_serve_crm", "ServingRelationship", "", "", "app_crm", "bp_returns"),
    ("r_serve_node", "ServingRelationship", "", "", "node", "app_checkout"),
    ("r_trigger", "TriggeringRelationship", "", "", "wp_checkout", "wp_crm"),
]

# Properties: key of the concept ("model" for the model), key, value; in
# Archi's order (model first, then the model's contents).
PROPERTIES = [
    ("model", "Version", "2026.11"),
    ("app_crm", "Vendor", "Salesforce"),
    ("g_cost", "Owner", "Chief Financial Officer"),
    ("g_cost", "Due", "2027-06-30"),
    ("g_service", "Owner", "Chief Customer Officer"),
    ("g_service", "Perspective", "customer"),
    ("g_growth", "alignkit_id", "G-GROWTH"),
    ("g_growth", "Owner", "Chief Commercial Officer"),
    ("g_growth", "Weight", "2"),
    ("g_growth", "Perspective", "financial"),
    ("g_growth", "KPI", "Online revenue"),
    ("g_growth", "KPI.Target", "12000000"),
    ("g_growth", "KPI.Unit", "EUR"),
    ("g_growth", "KPI.Cadence", "quarter"),
    ("g_growth", "KPI.Business Owner", "Chief Commercial Officer"),
    ("g_growth", "KPI.IT Owner", "CIO"),
    ("g_growth", "KPI.Data source", "Finance cube, \"monthly close\""),
    ("g_legacy", "Status", "retired"),
    ("o_checkout", "kpi", "Median checkout time"),
    ("o_checkout", "kpi.direction", "down"),
    ("o_checkout", "kpi.target", "60"),
    ("o_checkout", "kpi.baseline", "95"),
    ("o_checkout", "kpi.unit", "s"),
    ("o_checkout", "kpi2", "Checkout abandonment"),
    ("o_checkout", "kpi2.id", "K-ABANDON"),
    ("o_checkout", "kpi2.direction", "down"),
    ("o_checkout", "kpi2.target", "0.2"),
    ("o_checkout", "kpi2.red", "0.35"),
    ("o_checkout", "kpi2.weight", "0.5"),
    ("o_eu", "parent", "G-GROWTH"),
    ("wp_checkout", "alignkit_id", "I-CHECKOUT"),
    ("wp_checkout", "Owner", "Head of e-commerce"),
    ("wp_checkout", "Sponsor", "Chief Commercial Officer"),
    ("wp_checkout", "Budget", "250000"),
    ("wp_checkout", "Start", "2026-03-02"),
    ("wp_checkout", "End", "2026-10-30"),
    ("wp_checkout", "kpi", "Checkout releases per month"),
    ("wp_checkout", "kpi.target", "4"),
    ("wp_checkout", "kpi.cadence", "month"),
    ("wp_checkout", "kpi.it_owner", "Head of e-commerce"),
    ("wp_crm", "Owner", "Head of CRM"),
    ("wp_crm", "Sponsor", "Chief Customer Officer"),
    ("wp_crm", "Budget", "420000"),
    ("wp_crm", "Status", "active"),
    ("wp_crm", "Jira", "CRM-1"),
    ("wp_hosting", "Owner", "Head of infrastructure"),
    ("wp_intranet", "Status", "proposed"),
    ("wp_intranet", "Owner", ""),
    ("wp_mainframe", "Owner", "Head of infrastructure"),
    ("wp_mainframe", "End", "2026-06-30"),
    ("r_infl_legacy_cost", "Influence_Strength", "++"),
    ("r_assoc_stake", "Directed", "false"),
    ("j1", "Junction_Type", "And"),
]


def quote(s):
    return '"' + s.replace("\t", " ").replace('"', '""') + '"'


def write(path, header, rows, delim, bom):
    out = ("\ufeff" if bom else "") + delim.join(quote(h) for h in header)
    for row in rows:
        out += "\r\n" + delim.join(quote(c) for c in row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out)


def concept(key):
    return MODEL if key == "model" else aid(key)


def export(dir, delim, bom, prefix=""):
    os.makedirs(dir, exist_ok=True)
    elements = [(MODEL, "ArchimateModel", "Northwind architecture",
                 "The target architecture.\r\nKept in Archi; exported by CI.",
                 "")]
    elements += [(aid(k), t, n, d, s) for k, t, n, d, s in ELEMENTS]
    write(os.path.join(dir, prefix + "elements.csv"),
          ["ID", "Type", "Name", "Documentation", "Specialization"],
          elements, delim, bom)
    write(os.path.join(dir, prefix + "relations.csv"),
          ["ID", "Type", "Name", "Documentation", "Source", "Target",
           "Specialization"],
          [(aid(k), t, n, d, concept(s), concept(g), "")
           for k, t, n, d, s, g in RELATIONS], delim, bom)
    write(os.path.join(dir, prefix + "properties.csv"),
          ["ID", "Key", "Value"],
          [(concept(c), k, v) for c, k, v in PROPERTIES], delim, bom)


def raw(path, header, rows):
    """Rows as bytes: a list of cells, or bytes written as they are (the
    broken rows that Archi would never write)."""
    out = b",".join(quote(h).encode() for h in header)
    for row in rows:
        out += b"\r\n"
        out += row if isinstance(row, bytes) else \
            b",".join(quote(c).encode() for c in row)
    with open(path, "wb") as f:
        f.write(out)


EH = ["ID", "Type", "Name", "Documentation", "Specialization"]
RH = ["ID", "Type", "Name", "Documentation", "Source", "Target",
      "Specialization"]
PH = ["ID", "Key", "Value"]


def errors(dir):
    """An export with one of each mistake, and short IDs to read them by."""
    os.makedirs(dir, exist_ok=True)
    raw(os.path.join(dir, "elements.csv"), EH, [
        ["id-model", "ArchimateModel", "Broken model", "", ""],
        ["id-g1", "Goal", "Valid goal", "", ""],
        ["id-gaol", "Gaol", "Typo in the type", "", ""],
        ["id-lower", "goal", "Type in lower case", "", ""],
        ["id-rel", "RealizationRelationship", "A relation as element", "", ""],
        ["id-short", "Goal", "Four cells", ""],
        ["", "Goal", "No ID", "", ""],
        ["id-g1", "Outcome", "Same ID again", "", ""],
        ["id-model2", "ArchimateModel", "Second model", "", ""],
        b'"id-latin","Goal","Caf\xe9 in Latin-1","",""',
        ["id-heavy", "Goal", "Heavy goal", "", ""],
        ["id-dupid", "Goal", "Same alignkit id", "", ""],
        ["id-noname", "Goal", "", "", ""],
        ["id-props", "Goal", "Bad properties", "", ""],
        ["id-w1", "WorkPackage", "Valid work", "", ""],
        ["id-notype", "", "No type", "", ""],
    ])
    raw(os.path.join(dir, "relations.csv"), RH, [
        ["id-r1", "RealizationRelationship", "", "", "id-w1", "id-g1", ""],
        ["id-r2", "Realizes", "", "", "id-w1", "id-g1", ""],
        ["id-r3", "Goal", "", "", "id-w1", "id-g1", ""],
        ["id-r4", "RealizationRelationship", "", "", "id-w1", "id-missing", ""],
        ["id-r5", "InfluenceRelationship", "", "", "", "id-g1", ""],
        ["id-r6", "AssociationRelationship", "", "", "id-g1", "id-model", ""],
        ["id-r7", "AssociationRelationship", "", "", "id-g1", "id-gaol", ""],
        ["id-r1", "AssociationRelationship", "", "", "id-g1", "id-w1", ""],
        ["id-r8", "RealizationRelationship", "", "", "id-gone", "id-gone2", ""],
        ["id-r9", "realizationrelationship", "", "", "id-w1", "id-g1", ""],
    ])
    raw(os.path.join(dir, "properties.csv"), PH, [
        ["id-nowhere", "Owner", "Nobody"],
        ["", "Owner", "Nobody"],
        ["id-heavy", "Weight", "heavy"],
        ["id-dupid", "alignkit_id", "id-g1"],
        ["id-props", "Title", "Another title"],
        ["id-props", "Owner", "Ann"],
        ["id-props", "owner", "Bob"],
        ["id-props", "KPI.Target", "5"],
        ["id-props", "kpi2", "Second KPI"],
        ["id-props", "kpi2.measures", "id-g1"],
        ["id-props", "kpi2.target", "10"],
        ["id-w1", "supports", "id-g1;id-heavy:2"],
        ["id-gaol", "Owner", "Not reported again"],
        ["id-r1", "Influence_Strength", "+"],
    ])


def broken(root):
    """Exports whose files cannot be read to the end."""
    small = [["id-model", "ArchimateModel", "Small model", "", ""],
             ["id-g1", "Goal", "Valid goal", "", ""],
             ["id-w1", "WorkPackage", "Valid work", "", ""]]
    d = os.path.join(root, "bad-header")
    os.makedirs(d, exist_ok=True)
    raw(os.path.join(d, "elements.csv"), ["Name", "Type", "Documentation"],
        [["Valid goal", "Goal", ""]])
    raw(os.path.join(d, "relations.csv"), RH, [])
    raw(os.path.join(d, "properties.csv"), PH, [])
    d = os.path.join(root, "bad-quoting")
    os.makedirs(d, exist_ok=True)
    raw(os.path.join(d, "elements.csv"), EH, small)
    raw(os.path.join(d, "relations.csv"), RH, [
        ["id-r1", "InfluenceRelationship", "", "", "id-w1", "id-g1", ""],
        b'"id-r2","RealizationRelationship","a ""quoted"" name"x,"",'
        b'"id-w1","id-g1",""',
        ["id-r3", "RealizationRelationship", "", "", "id-w1", "id-g1", ""],
    ])
    raw(os.path.join(d, "properties.csv"), PH, [
        ["id-g1", "Owner", "Ann"],
        b'"id-w1","Owner","Bob',
    ])


def main():
    root = sys.argv[1]
    export(os.path.join(root, "model"), ",", False)
    export(os.path.join(root, "semicolon-bom"), ";", True)
    export(os.path.join(root, "tab"), "\t", False)
    errors(os.path.join(root, "errors"))
    broken(root)


if __name__ == "__main__":
    main()
