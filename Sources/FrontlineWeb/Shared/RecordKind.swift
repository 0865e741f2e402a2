import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// One filter of a list, declared once: its query name, its form and what it sets in the store's filter. The list
/// API, its export, the list page, the page's filter bar and the API document all read a list's filters from here.
struct ListFilter<F> {
    enum Form {
        /// Free text, at most 100 characters, cleaned.
        case search
        /// One of a fixed set of values, each shown by the label its key names.
        case choice([(value: String, label: String)])
        /// A record's id: a whole number above 0.
        case id
        /// A day, `YYYY-MM-DD`.
        case date
        /// Yes or no: `true`/`1` or `false`/`0`.
        case flag
        /// A whole number within the bounds.
        case number(ClosedRange<Int>)
    }

    var name: String
    var form: Form
    /// What it filters by, for the API document.
    var about: String
    /// The key of the label a page shows beside it; none for a filter the page does not offer.
    var label: String?
    /// Sets the checked value (not empty) in the filter.
    var set: (inout F, String) -> Void
    /// The parameter's schema in the API document when it is not the form's own.
    var documentedAs: JSONDoc? = nil

    /// The same filter, its parameter documented with `schema`.
    func documented(as schema: JSONDoc) -> Self {
        var f = self
        f.documentedAs = schema
        return f
    }

    /// The list's search text `q`.
    static func search(_ path: WritableKeyPath<F, String?>, _ about: String, label: String? = "filter.search") -> Self {
        Self(name: "q", form: .search, about: about, label: label) { f, v in f[keyPath: path] = v }
    }

    /// One of an enumeration's values, shown by each value's label.
    static func choice<E: RawRepresentable & CaseIterable>(
        _ name: String, _ path: WritableKeyPath<F, E?>, _ about: String, label: String? = nil,
        labels: (E) -> String = { $0.rawValue }
    ) -> Self where E.RawValue == String {
        Self(name: name, form: .choice(E.allCases.map { ($0.rawValue, labels($0)) }), about: about, label: label) {
            f, v in
            f[keyPath: path] = E(rawValue: v)
        }
    }

    static func id(_ name: String, _ path: WritableKeyPath<F, Int64?>, _ about: String, label: String? = nil) -> Self {
        Self(name: name, form: .id, about: about, label: label) { f, v in f[keyPath: path] = Int64(v) }
    }

    static func date(_ name: String, _ path: WritableKeyPath<F, String?>, _ about: String, label: String? = nil) -> Self
    {
        Self(name: name, form: .date, about: about, label: label) { f, v in f[keyPath: path] = v }
    }

    static func number(
        _ name: String, _ path: WritableKeyPath<F, Int?>, _ range: ClosedRange<Int>, _ about: String,
        label: String? = nil
    ) -> Self {
        Self(name: name, form: .number(range), about: about, label: label) { f, v in f[keyPath: path] = Int(v) }
    }

    static func flag(_ name: String, _ path: WritableKeyPath<F, Bool>, _ about: String, label: String? = nil) -> Self {
        Self(name: name, form: .flag, about: about, label: label) { f, v in f[keyPath: path] = v == "true" }
    }

    /// A day the filter holds in another form (the moment it starts, say).
    static func date(_ name: String, _ about: String, label: String? = nil, set: @escaping (inout F, String) -> Void)
        -> Self
    {
        Self(name: name, form: .date, about: about, label: label, set: set)
    }

    enum Checked {
        case value(String)
        case refused(FieldError)
    }

    /// The value as sent, or the field error that refuses it (nil for an empty or absent one).
    func check(_ raw: String) -> Checked? {
        guard !raw.isEmpty else { return nil }
        switch form {
        case .search:
            if raw.unicodeScalars.count > 100 { return .refused(FieldError(name, "field.too_long", ["max": "100"])) }
            let t = Text.clean(raw)
            return t.isEmpty ? nil : .value(t)
        case .choice(let values):
            if values.contains(where: { $0.value == raw }) { return .value(raw) }
            return .refused(FieldError(name, "field.one_of", ["values": values.map(\.value).joined(separator: ", ")]))
        case .id:
            if let v = Int64(raw), v > 0 { return .value(raw) }
            return .refused(FieldError(name, "field.not_id"))
        case .date:
            return DateText.isDate(raw) ? .value(raw) : .refused(FieldError(name, "field.date"))
        case .number(let range):
            if let n = Int(raw), range.contains(n) { return .value(String(n)) }
            return .refused(
                FieldError(name, "field.range", ["min": String(range.lowerBound), "max": String(range.upperBound)]))
        case .flag:
            switch raw {
            case "true", "1": return .value("true")
            case "false", "0": return .value("false")
            default: return .refused(FieldError(name, "field.boolean"))
            }
        }
    }

    /// The parameter as the API document describes it.
    var schema: JSONDoc {
        if let documentedAs { return documentedAs }
        return switch form {
        case .search: ["type": "string", "maxLength": 100]
        case .choice(let values): ["type": "string", "enum": .array(values.map { .string($0.value) })]
        case .id: ["type": "integer", "minimum": 1]
        case .date: ["type": "string", "format": "date"]
        case .flag: ["type": "boolean"]
        case .number(let range):
            ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)]
        }
    }
}

extension Array {
    /// Reads every filter from the query into `f`: the errors of all the filters at once, and nothing set from a
    /// value that is refused.
    func read<F>(_ query: (String) -> String?, into f: inout F) -> [FieldError] where Element == ListFilter<F> {
        var errors: [FieldError] = []
        for filter in self {
            switch filter.check(query(filter.name) ?? "") {
            case .value(let v)?: filter.set(&f, v)
            case .refused(let e)?: errors.append(e)
            case nil: break
            }
        }
        return errors
    }

    /// The filters as the API document's query parameters.
    func documented<F>() -> [(name: String, schema: JSONDoc, about: String)] where Element == ListFilter<F> {
        map { ($0.name, $0.schema, $0.about) }
    }
}

/// What a record's cells and answers may need besides the record: people's names, the reader's language and, for a
/// kind that shows service-level standing, the company calendar and the moment read.
struct Reading: Sendable {
    var names: [Int64: String]
    var locale: AppLocale
    /// The company calendar (the standard week unless the kind needs the company's own).
    var calendar: WorkCalendar
    var now: Int64
    /// Who reads.
    var reader: Actor
    /// Whether the reader sees cost and profit.
    var confidential = false
    /// What the sales kinds read their records with, when the kind reads them (`RecordKind.prepare`): the contract
    /// amount above which a contract goes to the review meeting, the standard discount, the stages' names.
    var threshold = Money.zero
    var standardDiscount = 0
    var stages: OpportunityStages? = nil

    var t: @Sendable (String) -> String {
        let locale = self.locale
        return { Catalog.text($0, [:], locale) }
    }
    func name(_ id: Int64?) -> String { id.flatMap { names[$0] } ?? "" }

    /// What a kind's records are read with: people's names when the kind shows them (`names`), the calendar when it
    /// shows service-level standing.
    static func load<K: RecordKind>(_ req: Request, _: K.Type, names: Bool = K.needsNames) async throws -> Reading {
        let reader = try req.actor()
        var r = Reading(
            names: names ? try await req.userNames() : [:], locale: req.locale,
            calendar: K.needsCalendar ? try await req.store.serviceLevels().0.calendar : .standard,
            now: Store.nowMillis(), reader: reader, confidential: PriceAccess.seesConfidential(reader))
        try await K.prepare(req, &r)
        return r
    }
}

/// One column of a list's export: its title's key and the cell of a record.
struct ExportColumn<R>: Sendable {
    var title: String
    /// Whether only a reader who sees cost and profit gets it.
    var confidential = false
    var cell: @Sendable (R, Reading) -> String

    init(_ title: String, confidential: Bool = false, _ cell: @escaping @Sendable (R, Reading) -> String) {
        self.title = title
        self.confidential = confidential
        self.cell = cell
    }
}

/// How a list may be ordered.
enum ListSorting {
    /// By any of the store's sort columns or `id`, newest first by default (`Store.order`).
    case columns(Set<String>)
    /// By one of these names, with its own default.
    case named(Set<String>, default: String)
    /// By one of these names, as the kind's document explains them, after the paging.
    case explained(Set<String>, default: String, about: String)
    /// In the kind's own order, which the reader does not choose (newest first).
    case fixed

    func query(_ req: Request) throws -> ListQuery {
        switch self {
        case .columns(let names): try req.listQuery(sorts: names.union(["id"]), default: "-id", sortable: true)
        case .named(let names, let d), .explained(let names, let d, _):
            try req.listQuery(sorts: names, default: d, sortable: true)
        case .fixed: try req.listQuery(sorts: ["id"], default: "-id")
        }
    }

    /// The list's query parameters: its filters, its paging and its order.
    func documented(_ filters: [(name: String, schema: JSONDoc, about: String)]) -> [(
        name: String, schema: JSONDoc, about: String
    )] {
        switch self {
        case .columns, .explained: filters + OpenAPI.paging + [parameter]
        case .named: filters + [parameter] + OpenAPI.paging
        case .fixed: filters + OpenAPI.paging
        }
    }

    var parameter: (name: String, schema: JSONDoc, about: String) {
        switch self {
        case .columns(let names):
            return OpenAPI.sort(Dictionary(uniqueKeysWithValues: names.map { ($0, 0) }))[0]
        case .named(let names, let d):
            return (
                "sort", ["type": "string", "enum": Self.either(names)], "Order; `-` for descending (default \(d))."
            )
        case .explained(let names, _, let about):
            return ("sort", ["type": "string", "enum": Self.either(names)], about)
        case .fixed:
            return ("sort", ["type": "string", "enum": ["-id"]], "Newest first.")
        }
    }

    /// Each name ascending and, with `-`, descending.
    static func either(_ names: Set<String>) -> JSONDoc {
        .array(names.sorted().flatMap { [JSONDoc.string($0), .string("-" + $0)] })
    }
}

/// What the API document says of a kind's list, export, record and history.
struct RecordDoc {
    var tag: String
    /// Who reads the list and a record, in words.
    var access: String
    var list: String
    var listZh: String
    /// The records, as the export's summary names them ("Visits").
    var plural: String
    var exportZh: String
    var one: String
    var oneZh: String
    var historyZh: String
    /// What the history holds, in words.
    var history = "Every step"
}

/// A record kind, declared once: its route, its list's filters and order, its list and detail shapes, its export
/// columns and its history. `Records.register` serves from it the list, the export, the record (with its ETag) and
/// its history for the API and the pages, and `Records.operations` its part of the API document.
protocol RecordKind {
    associatedtype Record: Sendable
    associatedtype Filter: Sendable
    associatedtype Item: Encodable
    associatedtype Detail: Encodable

    static var route: Route.Records { get }
    /// The audit's entity and the export's file name.
    static var entity: String { get }
    /// The schema names' stem in the API document (`Gift`: `GiftList`, `GiftDetail`).
    static var schema: String { get }
    static var doc: RecordDoc { get }
    /// The key of the list's title, which names the export's sheet.
    static var title: String { get }

    static var filter: Filter { get }
    static var filters: [ListFilter<Filter>] { get }
    static var sorting: ListSorting { get }
    /// The store's one listing of the kind: a page in the order asked for or, below the id `before`, newest first.
    /// The list and the export read through it unless the kind says otherwise.
    static func fetch(_ store: Store, _ f: Filter, _ q: ListQuery, before: Int64?, for actor: Actor) async throws
        -> Listing<Record>
    /// A page of the list in the order asked for.
    static func list(_ store: Store, _ f: Filter, _ q: ListQuery, for actor: Actor) async throws -> Listing<Record>
    /// A batch of the export: `limit` records before the id `before` (from the newest when nil), newest first.
    static func batch(_ store: Store, _ f: Filter, limit: Int, before: Int64?, for actor: Actor) async throws
        -> Listing<Record>
    static func id(_ r: Record) -> Int64
    static func item(_ r: Record, _ c: Reading) -> Item
    /// Whether the kind's records show their service-level standing (and so need the company calendar).
    static var needsCalendar: Bool { get }
    /// Whether the kind's list items and cells name people by id (and so need everyone's names).
    static var needsNames: Bool { get }
    static var columns: [ExportColumn<Record>] { get }
    /// Reads what else the kind's records are read with (the stages' names, the review threshold).
    static func prepare(_ req: Request, _ r: inout Reading) async throws

    /// One record as the caller reads it (not found otherwise), with its version.
    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (detail: Detail, version: Int)
    /// The process whose steps are the record's history (none: the record has no history of steps).
    static var process: String? { get }
    /// The schema of one record as `GET /{records}/{id}` answers it.
    static var detailSchema: String { get }
    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool
}

/// Serves every record kind from its declaration.
enum Records {
    static func register<K: RecordKind>(_ app: Application, _ kind: K.Type) {
        let api = app.grouped("api", "v1")
        let path = K.route.segments
        api.get(path) { req in try await list(req, K.self) }
        api.get(path + ["export"]) { req in try await export(req, K.self) }
        api.get(path + [":id"]) { req in try await get(req, K.self) }
        if K.process != nil { api.get(path + [":id", "history"]) { req in try await history(req, K.self) } }
        app.get(path + ["export"]) { req in try await export(req, K.self) }
    }

    /// The list's filters read from the query; a refused one is a 400 naming every refused field.
    static func filter<K: RecordKind>(_ req: Request, _: K.Type) throws -> K.Filter {
        var f = K.filter
        let errors = K.filters.read({ req.query($0) }, into: &f)
        if !errors.isEmpty { throw DomainError(.badRequest, Message("error.validation"), fields: errors) }
        return f
    }

    static func list<K: RecordKind>(_ req: Request, _: K.Type) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req, K.self)
        let q = try K.sorting.query(req)
        let page = try await K.list(req.store, f, q, for: actor)
        let c = try await Reading.load(req, K.self)
        return try DTO.response(
            DTO.List(items: page.items.map { K.item($0, c) }, total: page.total, limit: q.limit, offset: q.offset))
    }

    /// The list as CSV or Excel: the same filters, newest first, in batches.
    static func export<K: RecordKind>(_ req: Request, _: K.Type) async throws -> Response {
        let actor = try req.actor()
        let f = try filter(req, K.self)
        let store = req.store
        let row = try await Reading.load(req, K.self)
        let columns = K.columns.filter { !$0.confidential || row.confidential }
        return try await TableExport.paged(
            req, entity: K.entity, sheet: row.t(K.title), header: columns.map { row.t($0.title) }
        ) { before in
            let page = try await K.batch(store, f, limit: TableExport.batch, before: before, for: actor)
            return (page.items.map { r in columns.map { $0.cell(r, row) } }, page.items.last.map(K.id), page.total)
        }
    }

    static func get<K: RecordKind>(_ req: Request, _: K.Type) async throws -> Response {
        let actor = try req.actor()
        let d = try await K.detail(req, id: try APIRoutes.id(req), for: actor)
        return try ProcessAPI.tagged(d.detail, version: d.version)
    }

    static func history<K: RecordKind>(_ req: Request, _: K.Type) async throws -> Response {
        let actor = try req.actor()
        let store = req.store
        return try await ProcessAPI.history(req, K.process ?? "") { try await K.readable(store, id: $0, for: actor) }
    }

    /// The kind's list, export, record and history in the API document.
    static func operations<K: RecordKind>(_: K.Type) -> [APIOperation] {
        let d = K.doc
        let path = "/" + K.route.path
        var ops = [
            APIOperation(
                method: "GET", path: path, tag: d.tag, summary: d.list, summaryZh: d.listZh, access: d.access,
                query: K.sorting.documented(K.filters.documented()), result: OpenAPI.ref(K.schema + "List")),
            APIOperation(
                method: "GET", path: path + "/export", tag: d.tag,
                summary: "\(d.plural) as CSV or Excel (same filters, newest first)",
                summaryZh: d.exportZh, access: "as the list", query: K.filters.documented() + [OpenAPI.exportFormat],
                result: ["type": "string"],
                resultType: "text/csv"),
            APIOperation(
                method: "GET", path: path + "/{id}", tag: d.tag, summary: d.one, summaryZh: d.oneZh, access: d.access,
                result: OpenAPI.ref(K.detailSchema), extraHeaders: ["ETag"]),
        ]
        if K.process != nil {
            ops.append(
                APIOperation(
                    method: "GET", path: path + "/{id}/history", tag: d.tag, summary: d.history,
                    summaryZh: d.historyZh, access: d.access,
                    result: OpenAPI.ref("EventList")))
        }
        return ops
    }
}

/// A record kind whose record is a process's subject: its detail is the record and the steps open to the caller
/// (`ProcessDetail`, unless the kind presents more).
protocol ProcessRecordKind: RecordKind {
    associatedtype Process: ProcessDefinition
    static func subject(_ store: Store, id: Int64, for actor: Actor) async throws -> Process.Subject?
    static func record(_ s: Process.Subject) -> Record
    static func version(_ r: Record) -> Int
    /// The detail of a subject, with the steps open to the reader.
    static func present(_ s: Process.Subject, _ c: Reading, actions: [ProcessAPI.Offer]) -> Detail
    /// Whether the detail names people from the subject itself (which read the ones it names), not from everyone's.
    static var namesFromSubject: Bool { get }
}

/// A process record as read: the record under its kind's key and the steps open to the caller.
struct ProcessDetail<Item: Encodable>: Encodable {
    var key: String
    var item: Item
    var actions: [ProcessAPI.Offer]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(item, forKey: Key(stringValue: key))
        try c.encode(actions, forKey: Key(stringValue: "actions"))
    }
}

extension RecordKind {
    static var detailSchema: String { schema + "Detail" }
    static var needsCalendar: Bool { false }
    static var needsNames: Bool { true }
    static func prepare(_ req: Request, _ r: inout Reading) async throws {}

    static func list(_ store: Store, _ f: Filter, _ q: ListQuery, for actor: Actor) async throws -> Listing<Record> {
        try await fetch(store, f, q, before: nil, for: actor)
    }
    static func batch(_ store: Store, _ f: Filter, limit: Int, before: Int64?, for actor: Actor) async throws
        -> Listing<Record>
    {
        try await fetch(
            store, f, ListQuery(limit: limit, sortField: "id", descending: true), before: before ?? Int64.max,
            for: actor)
    }
}

extension RecordKind where Record: Versioned {
    static func id(_ r: Record) -> Int64 { r.id }
}

extension ProcessRecordKind where Record: Versioned {
    static func version(_ r: Record) -> Int { r.version }
}

extension ProcessRecordKind {
    static var process: String? { Process.name }
    static var namesFromSubject: Bool { false }

    static func readable(_ store: Store, id: Int64, for actor: Actor) async throws -> Bool {
        try await subject(store, id: id, for: actor) != nil
    }

    static func detail(_ req: Request, id: Int64, for actor: Actor) async throws -> (detail: Detail, version: Int) {
        guard let s = try await subject(req.store, id: id, for: actor) else { throw DomainError.notFound }
        let d = present(
            s, try await Reading.load(req, Self.self, names: needsNames && !namesFromSubject),
            actions: ProcessAPI.offers(Process.self, s, actor: actor))
        return (d, version(record(s)))
    }

    /// The record as a step or a creation answers it.
    static func answer(_ req: Request, id: Int64, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let d = try await detail(req, id: id, for: actor)
        if status == .created { return try ProcessAPI.created(d.detail, location: Route.api(route, id)) }
        return try DTO.response(d.detail)
    }
}

extension ProcessRecordKind where Detail == ProcessDetail<Item> {
    /// The key under which the detail holds the record: the kind's entity (`gift`).
    static var detailKey: String { entity }

    static func present(_ s: Process.Subject, _ c: Reading, actions: [ProcessAPI.Offer]) -> Detail {
        ProcessDetail(key: detailKey, item: item(record(s), c), actions: actions)
    }
}
