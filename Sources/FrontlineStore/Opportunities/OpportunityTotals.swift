import FluentKit
import FrontlineCore
import SQLKit

/// The schema of `opportunity_totals(owner_id, stage, n, amount, weighted)`: the rows of one owner and stage summed
/// (`weighted` is Σ amount × probability, in fen-percent). A change moves its opportunity's share from the old owner
/// and stage to the new ones in one UPDATE of both rows, so two changes crossing the same two rows lock them in the
/// same order on PostgreSQL.
enum OpportunityTotalsSQL {
    static func create(sqlite: Bool) -> [String] {
        var out: [String] = []
        out.append(
            sqlite
                ? "CREATE TABLE opportunity_totals (owner_id INTEGER NOT NULL, stage TEXT NOT NULL, n INTEGER NOT NULL, amount INTEGER NOT NULL, weighted INTEGER NOT NULL, PRIMARY KEY (owner_id, stage)) WITHOUT ROWID"
                : "CREATE TABLE opportunity_totals (owner_id BIGINT NOT NULL, stage TEXT NOT NULL, n BIGINT NOT NULL, amount BIGINT NOT NULL, weighted BIGINT NOT NULL, PRIMARY KEY (owner_id, stage))"
        )
        let ensure = "INSERT INTO opportunity_totals (owner_id, stage, n, amount, weighted) VALUES"
        let conflict = "ON CONFLICT (owner_id, stage) DO NOTHING"
        // Adds (sign +1) or takes away (-1) a row's share, in one statement for the rows named.
        func move(_ rows: [(String, Int)]) -> String {
            let parts: [String] = rows.map { r, _ in "(owner_id = \(r).owner_id AND stage = \(r).stage)" }
            // Both rows at once: the same row named twice (a change of amount alone) gets both terms.
            let n = rows.map { r, sign in
                "CASE WHEN owner_id = \(r).owner_id AND stage = \(r).stage THEN \(sign) ELSE 0 END"
            }.joined(separator: " + ")
            let amount = rows.map { r, sign in
                "CASE WHEN owner_id = \(r).owner_id AND stage = \(r).stage THEN \(sign) * \(r).amount_fen ELSE 0 END"
            }.joined(separator: " + ")
            let weighted = rows.map { r, sign in
                "CASE WHEN owner_id = \(r).owner_id AND stage = \(r).stage THEN \(sign) * \(r).amount_fen * \(r).probability ELSE 0 END"
            }
            .joined(separator: " + ")
            return
                "UPDATE opportunity_totals SET n = n + \(n), amount = amount + \(amount), weighted = weighted + \(weighted) WHERE \(parts.joined(separator: " OR "))"
        }
        let insertBody = "\(ensure) (NEW.owner_id, NEW.stage, 0, 0, 0) \(conflict); \(move([("NEW", 1)]))"
        let updateBody = "\(ensure) (NEW.owner_id, NEW.stage, 0, 0, 0) \(conflict); \(move([("OLD", -1), ("NEW", 1)]))"
        let deleteBody = move([("OLD", -1)])
        let changed = ["owner_id", "stage", "amount_fen", "probability"]
        if sqlite {
            out.append(
                "CREATE TRIGGER opportunity_totals_insert AFTER INSERT ON opportunities BEGIN \(insertBody); END")
            out.append(
                "CREATE TRIGGER opportunity_totals_update AFTER UPDATE OF \(changed.joined(separator: ", ")) ON opportunities WHEN \(changed.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")) BEGIN \(updateBody); END"
            )
            out.append(
                "CREATE TRIGGER opportunity_totals_delete AFTER DELETE ON opportunities BEGIN \(deleteBody); END")
        } else {
            out.append(
                """
                CREATE FUNCTION opportunity_totals_keep() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'INSERT' THEN \(insertBody);
                  ELSIF TG_OP = 'UPDATE' THEN \(updateBody);
                  ELSE \(deleteBody);
                  END IF;
                  RETURN NULL;
                END $$
                """)
            out.append(
                "CREATE TRIGGER opportunity_totals_insert AFTER INSERT ON opportunities FOR EACH ROW EXECUTE FUNCTION opportunity_totals_keep()"
            )
            out.append(
                "CREATE TRIGGER opportunity_totals_update AFTER UPDATE OF \(changed.joined(separator: ", ")) ON opportunities FOR EACH ROW WHEN (\(changed.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR "))) EXECUTE FUNCTION opportunity_totals_keep()"
            )
            out.append(
                "CREATE TRIGGER opportunity_totals_delete AFTER DELETE ON opportunities FOR EACH ROW EXECUTE FUNCTION opportunity_totals_keep()"
            )
        }
        out.append("INSERT INTO opportunity_totals (owner_id, stage, n, amount, weighted) \(live)")
        return out
    }

    /// The totals summed from the rows themselves.
    static let live =
        "SELECT owner_id, stage, COUNT(*), SUM(amount_fen), SUM(amount_fen * probability) FROM opportunities GROUP BY owner_id, stage"

    static func drop(sqlite: Bool) -> [String] {
        var out = ["insert", "update", "delete"].map {
            "DROP TRIGGER IF EXISTS opportunity_totals_\($0)\(sqlite ? "" : " ON opportunities")"
        }
        if !sqlite { out.append("DROP FUNCTION IF EXISTS opportunity_totals_keep()") }
        out.append("DROP TABLE IF EXISTS opportunity_totals")
        return out
    }
}
