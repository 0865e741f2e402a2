#!/usr/bin/env python3
"""Applies realistic slips to the business rules one at a time (a comparison flipped, a guard dropped, a rounding
lost), builds, runs the Swift suites and reports which slips a test caught. The tree is never touched: the work
happens in a copy with its own build folder (the first run builds it whole; later slips and runs are incremental).

    python3 scripts/mutants.py            # every Swift suite on SQLite (slow: a build and a run per slip)
    python3 scripts/mutants.py --quick    # the core suite only
    python3 scripts/mutants.py --only 3,7 # some slips

Run outside CI; the latest figure is in docs/mutants.md."""
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C = "Sources/FrontlineCore/"
S = "Sources/FrontlineStore/"



def locate(root, path, old):
    """The file a slip names, found by its name under its module (capability folders move files) and holding `old`."""
    module, name = os.path.dirname(path), os.path.basename(path)
    for folder, _, files in os.walk(os.path.join(root, module)):
        for f in files:
            full = os.path.join(folder, f)
            if f.endswith(".swift") and old in open(full, encoding="utf-8").read() and (f == name or f == name.replace(".swift", "Process.swift")):
                return full
    raise SystemExit(f"slip not found: {path}: {old}")


# (file, what is there, the slip, what it breaks)
SLIPS = [
    (C + "Contract.swift", "special || amount > threshold", "amount > threshold", "a contract flagged special skips the meeting"),
    (C + "Contract.swift", "special || amount > threshold", "special || amount >= threshold", "an amount at the threshold goes to the meeting"),
    (C + "Money.swift", "let q = n >= 0 ? (n + half) / denominator : -((-n + half) / denominator)", "let q = n / denominator", "rounding truncates"),
    (C + "Contract.swift", "c.milestoneTotal != c.amount", "c.milestoneTotal > c.amount", "milestones under the amount pass"),
    (C + "Quotation.swift", "public var belowFloor: Bool { unitPrice < floorPrice }", "public var belowFloor: Bool { unitPrice <= floorPrice }", "a price at the floor needs approval"),
    (C + "Quotation.swift", "s.quotation.validUntil < DateText.today()", "s.quotation.validUntil <= DateText.today()", "a quotation valid until today is expired"),
    (C + "Contract.swift", "s.contract.ownerId != a.id { return .whoAsks", "false { return .whoAsks", "a rep signs another rep's contract"),
    (C + "Quotation.swift", "if l.discount > standardDiscount {", "if l.discount >= standardDiscount {", "the standard discount itself needs approval"),
    (C + "AuthorityLimits.swift", "amount <= limit(kind) ? .marketManager : .gm", "amount < limit(kind) ? .marketManager : .gm", "an amount at the limit goes to the GM"),
    (C + "Approval.swift", "if actor.id == requestedBy { return .whoAsks(\"approval.own_request\") }", "", "a requester approves his own request"),
    (C + "Approval.swift", "if approverRole == .gm && !actor.has(.gm) {", "if false {", "the manager approves above his limit"),
    (C + "Quotation.swift", "} else if v < today {", "} else if v <= today {", "valid_until of today is refused"),
    (C + "Contract.swift", "!reviews.isEmpty && reviews.allSatisfy { $0.opinion != .pending }", "!reviews.isEmpty && reviews.contains { $0.opinion != .pending }", "the first answer concludes the review"),
    (C + "Contract.swift", "reviews.contains { $0.opinion == .reject }", "reviews.contains { $0.opinion == .approveWithConditions }", "a rejection does not count"),
    (C + "Tender.swift", "now >= tender.deadline ?", "now > tender.deadline ?", "a bid at the deadline itself goes in"),
    (C + "Quotation.swift", "if errors.isEmpty && !QuoteTotals.fit(out) {", "if false && !QuoteTotals.fit(out) {", "a quotation past the ceiling is kept"),
    (C + "User.swift", "if p.count < minLength { return \"user.password_length\" }", "if p.count < 8 { return \"user.password_length\" }", "eight-character passwords pass"),
    (C + "LoginThrottle.swift", "guard count >= limit else { return nil }", "guard count > limit else { return nil }", "one more guess than the limit"),
    (C + "LoginThrottle.swift", "guard distinctFailedNames >= threshold * 4 else { return false }", "guard distinctFailedNames > threshold * 4 else { return false }", "one more sprayed name"),
    (C + "Quotation.swift", "discount = list - net", "discount = net - list", "the discount's sign"),
    (C + "Contract.swift", "costEstimate.map { netAmount - $0 }", "costEstimate.map { amount - $0 }", "profit includes the VAT"),
    (C + "Customer.swift", "let folded = clean(s).precomposedStringWithCompatibilityMapping.lowercased()", "let folded = clean(s).lowercased()", "full-width look-alikes"),
    (C + "Approval.swift", "guard: { r, a in r.requestedBy == a.id ? nil : .whoAsks(\"approval.not_requester\") }),", "guard: { r, a in nil }),", "anyone withdraws a request"),
    (C + "CustomerAccess.swift", "case .ownedBy(let id): c.ownerId == id", "case .ownedBy(let id): c.ownerId == id || true", "a rep reads another rep's customer"),
    (C + "Process.swift", "if s.needsReason && (comment ?? \"\")", "if false && (comment ?? \"\")", "void without a reason"),
    (C + "Attachment.swift", "u.properties.generalCategory == .format { continue }", "false { continue }", "a bidi override kept in a file name"),
    # What the acceptance round's slips (issue 24) found missed; each has a test now.
    (C + "Pool.swift", "if owned >= rules.ownedLimit {", "if owned > rules.ownedLimit {", "a rep at his owned limit claims one more"),
    (C + "Pool.swift", "now - lostAt / 1000 < Int64(rules.reclaimDays) * 86_400", "now - lostAt / 1000 < Int64(rules.reclaimDays)", "the reclaim wait counted in seconds"),
    (C + "Process.swift", "guard let n = Int(v), (1...5).contains(n)", "guard let n = Int(v), (0...5).contains(n)", "a feedback score or a satisfaction of 0"),
    (C + "TrainingProcess.swift", "if score == nil && !errors.contains", "if false && !errors.contains", "a feedback without a score"),
    (S + "LeadStore.swift", "SQLBind(Text.matchKey(lead.company))", "SQLBind(lead.company)", "a lead matched on its raw company name"),
    (S + "LeadStore.swift", "if !LeadAccess.readsAll(actor) { b.where(\"owner_id\"", "if !LeadAccess.canBrowse(actor) { b.where(\"owner_id\"", "a rep's lead scope widened"),
    (C + "ComplaintProcess.swift", "s.complaint.times.respond(at: c.now)", "s.complaint.times.resolve(at: c.now)", "acknowledging stops the resolution clock"),
    (C + "ImplementationProcess.swift", "s.implementation.accountOwnerId != a.id {", "s.implementation.accountOwnerId == a.id {", "any rep notes on another rep's account"),
    (C + "ActionPlan.swift", "left[key, default: 0] -= n", "left[key, default: 0] -= 0", "two items count one communication twice"),
    (S + "PoolStore.swift", "DateText.startOfDay(now / 1000) * 1000", "(DateText.parseDay(DateText.day(now / 1000)) ?? 0) * 1000", "claims today counted from 1970"),
    (S + "FileStore.swift", ".where(\"archived\", .equal, false)\n                .returning(\"id\")", "\n                .returning(\"id\")", "an attachment removed twice"),
    (C + "QuotationProcess.swift", "[.voidApproval($0)]", "[]", "a void quotation's approval stays live"),

]


def run(cmd, cwd, log):
    with open(log, "a") as f:
        f.write("\n$ " + " ".join(cmd) + "\n")
        f.flush()
        return subprocess.call(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="the core suite only")
    ap.add_argument("--only", default="", help="comma-separated slip numbers (1-based)")
    ap.add_argument("--filter", default="", help="run only the tests this `swift test --filter` names (to check a new test fails on its slip)")
    ap.add_argument("--workdir", default="/tmp/frontline-mutants")
    ap.add_argument("--report", default=os.path.join(ROOT, "docs", "mutants.md"))
    args = ap.parse_args()
    picked = [int(x) for x in args.only.split(",") if x] or list(range(1, len(SLIPS) + 1))
    work = args.workdir
    os.makedirs(work, exist_ok=True)
    # A copy of the tree (a build folder holds absolute paths, so the copy keeps one of its own); the working tree
    # stays as it is.
    subprocess.check_call(["rsync", "-a", "--delete", "--exclude", ".git", "--exclude", ".build", "--exclude", "mutants.log", ROOT + "/", work + "/"])
    log = os.path.join(work, "mutants.log")
    open(log, "w").close()
    swift_test = ["swift", "test", "--skip-build"] + (["--filter", args.filter] if args.filter else (["--filter", "FrontlineCoreTests"] if args.quick else []))
    if run(["swift", "build", "--build-tests"], work, log) != 0 or run(swift_test, work, log) != 0:
        sys.exit("the unchanged tree does not build or pass; see " + log)
    results = []
    for n in picked:
        path, old, new, what = SLIPS[n - 1]
        full = locate(work, path, old)
        text = open(full, encoding="utf-8").read()
        if text.count(old) != 1:
            results.append((n, what, "stale (the line is not there once)"))
            continue
        started = time.time()
        open(full, "w", encoding="utf-8").write(text.replace(old, new))
        try:
            if run(["swift", "build", "--build-tests"], work, log) != 0:
                verdict = "does not build"
            else:
                verdict = "caught" if run(swift_test, work, log) != 0 else "MISSED"
        finally:
            open(full, "w", encoding="utf-8").write(text)
        results.append((n, what, verdict))
        print(f"{n:2d} {verdict:18s} {time.time() - started:5.0f} s  {what}", flush=True)
    valid = [r for r in results if r[2] in ("caught", "MISSED")]
    caught = [r for r in valid if r[2] == "caught"]
    summary = f"{len(caught)} of {len(valid)} slips caught ({'core suite' if args.quick else 'every Swift suite'}, SQLite)"
    print(summary)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("# Slips in the rules, and which tests catch them\n\n")
        f.write("`python3 scripts/mutants.py` applies each slip below to a copy of the tree, builds it, runs the Swift suites and "
                "restores the file; a slip is caught when a test fails. Run outside CI (a build per slip).\n\n")
        f.write(f"Latest run ({time.strftime('%Y-%m-%d')}): **{summary}**.\n\n| # | slip | result |\n|---|---|---|\n")
        for n, what, verdict in results:
            f.write(f"| {n} | {what} | {verdict} |\n")
    run(["swift", "build", "--build-tests"], work, log)
    sys.exit(0 if len(caught) == len(valid) else 1)


if __name__ == "__main__":
    main()
