import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// JSON shapes of the price book, approvals and quotations. Floor price, cost and profit are left out entirely
/// (not sent as null) for roles that may not see them.
extension DTO {
    struct Product: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, code, name, kind, unit, description, listPrice = "list_price", floorPrice = "floor_price", cost
            case taxRate = "tax_rate", active, version, createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var code: String
        var name: String
        var kind: String
        var unit: String
        var description: String
        var listPrice: String
        var floorPrice: String?
        var cost: String?
        var taxRate: Int
        var active: Bool
        var version: Int
        var createdAt: String
        var updatedAt: String

        init(_ p: FrontlineCore.Product, confidential: Bool) {
            id = p.id; code = p.code; name = p.name; kind = p.kind.rawValue; unit = p.unit; description = p.description
            listPrice = p.listPrice.decimalString; taxRate = p.taxRate; active = p.active; version = p.version
            floorPrice = confidential ? p.floorPrice.decimalString : nil
            cost = confidential ? p.cost.decimalString : nil
            createdAt = DTO.iso(millis: p.createdAt); updatedAt = DTO.iso(millis: p.updatedAt)
        }
    }

    struct PriceChange: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, productId = "product_id", productCode = "product_code", productName = "product_name"
            case listBefore = "list_before", listAfter = "list_after", floorBefore = "floor_before", floorAfter =
                "floor_after"
            case costBefore = "cost_before", costAfter = "cost_after", reason, changedBy = "changed_by", changedByName =
                "changed_by_name", at
        }
        var id: Int64
        var productId: Int64
        var productCode: String
        var productName: String
        var listBefore: String
        var listAfter: String
        var floorBefore: String?
        var floorAfter: String?
        var costBefore: String?
        var costAfter: String?
        /// The why may name costs and floors: confidential like them.
        var reason: String?
        var changedBy: Int64
        var changedByName: String
        var at: String

        init(_ i: Store.PriceChangeItem, confidential: Bool) {
            let c = i.change
            id = c.id; productId = c.productId; productCode = i.productCode; productName = i.productName
            listBefore = c.listBefore.decimalString; listAfter = c.listAfter.decimalString
            if confidential {
                floorBefore = c.floorBefore.decimalString; floorAfter = c.floorAfter.decimalString
                costBefore = c.costBefore.decimalString; costAfter = c.costAfter.decimalString
            }
            reason = confidential ? c.reason : nil
            changedBy = c.changedBy; changedByName = i.changedByName; at = DTO.iso(millis: c.at)
        }
    }

    struct Approval: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, kind, amount, subject, subjectId = "subject_id", title, reason, basis, requestedBy = "requested_by"
            case requesterName = "requester_name", approverRole = "approver_role", limitInForce = "limit_in_force"
            case limitsVersion = "limits_version", state, decidedBy = "decided_by", deciderName = "decider_name"
            case decisionComment = "decision_comment", createdAt = "created_at", decidedAt = "decided_at", version
        }
        var id: Int64
        var kind: String
        var amount: String
        var subject: String
        var subjectId: Int64
        var title: String
        var reason: String
        var basis: String?
        var requestedBy: Int64
        var requesterName: String?
        var approverRole: String
        var limitInForce: String?
        var limitsVersion: Int
        var state: String
        var decidedBy: Int64?
        var deciderName: String?
        var decisionComment: String
        var createdAt: String
        var decidedAt: String?
        var version: Int

        /// The basis and the limit only for those who read them (`ApprovalRequest.seesBasis`).
        init(_ a: ApprovalRequest, for reader: Actor, requesterName: String? = nil, deciderName: String? = nil) {
            let sees = ApprovalRequest.seesBasis(reader)
            id = a.id; kind = a.kind.rawValue; amount = a.amount.decimalString; subject = a.subject;
            subjectId = a.subjectId
            title = a.title; reason = a.reason; basis = sees ? a.basis : nil; requestedBy = a.requestedBy;
            self.requesterName = requesterName
            approverRole = a.approverRole.rawValue; limitInForce = sees ? a.limitInForce.decimalString : nil;
            limitsVersion = a.limitsVersion
            state = a.state.rawValue; decidedBy = a.decidedBy; self.deciderName = deciderName;
            decisionComment = a.decisionComment
            createdAt = DTO.iso(millis: a.createdAt); decidedAt = a.decidedAt.map { DTO.iso(millis: $0) };
            version = a.version
        }
    }

    struct LedgerLine: Encodable {
        enum CodingKeys: String, CodingKey {
            case approverId = "approver_id", approverName = "approver_name", kind, approvedCount = "approved_count"
            case approvedTotal = "approved_total", rejectedCount = "rejected_count", largest, limit
        }
        var approverId: Int64
        var approverName: String
        var kind: String
        var approvedCount: Int
        var approvedTotal: String
        var rejectedCount: Int
        var largest: String
        var limit: String
    }

    struct QuoteLine: Encodable {
        enum CodingKeys: String, CodingKey {
            case productId = "product_id", code, name, unit, quantity, listPrice = "list_price", discount, unitPrice =
                "unit_price"
            case taxRate = "tax_rate", listAmount = "list_amount", netAmount = "net_amount", taxAmount = "tax_amount"
            case floorPrice = "floor_price", cost, belowFloor = "below_floor"
        }
        var productId: Int64
        var code: String
        var name: String
        var unit: String
        var quantity: String
        var listPrice: String
        var discount: String
        var unitPrice: String
        var taxRate: Int
        var listAmount: String
        var netAmount: String
        var taxAmount: String
        var floorPrice: String?
        var cost: String?
        var belowFloor: Bool?

        init(_ l: FrontlineCore.QuoteLine, confidential: Bool) {
            productId = l.productId; code = l.code; name = l.name; unit = l.unit; quantity = l.quantity.text
            listPrice = l.listPrice.decimalString; discount = Rate.text(l.discount);
            unitPrice = l.unitPrice.decimalString
            taxRate = l.taxRate; listAmount = l.listAmount.decimalString; netAmount = l.netAmount.decimalString
            taxAmount = l.taxAmount.decimalString
            if confidential {
                floorPrice = l.floorPrice.decimalString; cost = l.cost.decimalString; belowFloor = l.belowFloor
            }
        }
    }

    struct Quotation: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, revision, customerId = "customer_id", customerName = "customer_name", ownerId = "owner_id"
            case ownerName = "owner_name", title, validUntil = "valid_until", terms, state, approvalId = "approval_id",
                lines, opportunityId = "opportunity_id"
            case listTotal = "list_total", discountTotal = "discount_total", netTotal = "net_total", taxTotal =
                "tax_total"
            case grossTotal = "gross_total", profit, needsApproval = "needs_approval", actions, version
            case createdAt = "created_at", updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var revision: Int
        var customerId: Int64
        var customerName: String
        var ownerId: Int64
        var ownerName: String
        var title: String
        var validUntil: String
        var terms: String
        var state: String
        var approvalId: Int64?
        var opportunityId: Int64?
        var lines: [QuoteLine]
        var listTotal: String
        var discountTotal: String
        var netTotal: String
        var taxTotal: String
        var grossTotal: String
        var profit: String?
        var needsApproval: Bool
        /// What the caller may do now.
        var actions: [String]?
        var version: Int
        var createdAt: String
        var updatedAt: String

        init(_ i: QuotationItem, confidential: Bool, standardDiscount: Int, actions: [String]? = nil) {
            let q = i.quotation
            let t = q.totals
            id = q.id; number = q.number; revision = q.revision; customerId = q.customerId;
            customerName = i.customerName
            ownerId = q.ownerId; ownerName = i.ownerName; title = q.title; validUntil = q.validUntil; terms = q.terms
            state = q.state.rawValue; approvalId = q.approvalId; opportunityId = q.opportunityId;
            lines = q.lines.map { QuoteLine($0, confidential: confidential) }
            listTotal = t.list.decimalString; discountTotal = t.discount.decimalString; netTotal = t.net.decimalString
            taxTotal = t.tax.decimalString; grossTotal = t.gross.decimalString
            profit = confidential ? t.profit.decimalString : nil
            needsApproval = !q.approvalReasons(standardDiscount: standardDiscount).isEmpty
            self.actions = actions; version = q.version
            createdAt = DTO.iso(millis: q.createdAt); updatedAt = DTO.iso(millis: q.updatedAt)
        }
    }

    struct Event: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, from = "from_state", action, to = "to_state", actorId = "actor_id", actorName = "actor_name",
                comment, at
        }
        var id: Int64
        var from: String
        var action: String
        var to: String
        var actorId: Int64
        var actorName: String
        var comment: String
        var at: String
        init(_ e: ProcessEvent) {
            id = e.id; from = e.fromState; action = e.action; to = e.toState; actorId = e.actorId;
            actorName = e.actorName
            comment = e.comment; at = DTO.iso(millis: e.at)
        }
    }
}

extension DTO {
    struct Milestone: Encodable {
        var name: String
        var amount: String
        var due: String
    }

    struct Review: Encodable {
        enum CodingKeys: String, CodingKey {
            case reviewerId = "reviewer_id", reviewerName = "reviewer_name", part, opinion, comment, at
        }
        var reviewerId: Int64
        var reviewerName: String
        var part: String
        var opinion: String
        var comment: String
        var at: String?

        init(_ r: FrontlineCore.Review) {
            reviewerId = r.reviewerId; reviewerName = r.reviewerName; part = r.part; opinion = r.opinion.rawValue;
            comment = r.comment
            at = r.at.map { DTO.iso(millis: $0) }
        }
    }

    struct Handoff: Encodable {
        enum CodingKeys: String, CodingKey {
            case implementationId = "implementation_id", implementationState = "implementation_state", paymentPlan =
                "payment_plan"
        }
        var implementationId: Int64
        var implementationState: String
        var paymentPlan: [Milestone]
    }

    struct Contract: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, amendment, customerId = "customer_id", customerName = "customer_name", ownerId =
                "owner_id", ownerName = "owner_name"
            case title, sourceKind = "source_kind", sourceId = "source_id", opportunityId = "opportunity_id", amount,
                taxRate = "tax_rate", netAmount = "net_amount"
            case costEstimate = "cost_estimate", profit, milestones
            case technicalAnnex = "technical_annex", commercialTerms = "commercial_terms", special, requiresMeeting =
                "requires_meeting", state
            case meetingDate = "meeting_date", meetingAttendees = "meeting_attendees", meetingMinutes =
                "meeting_minutes"
            case technicalSignedBy = "technical_signed_by", commercialSignedBy = "commercial_signed_by",
                customerSignedOn = "customer_signed_on"
            case effectiveAt = "effective_at", reviews, handoff, actions, version, createdAt = "created_at", updatedAt =
                "updated_at"
        }
        var id: Int64
        var number: String
        var amendment: Int
        var customerId: Int64
        var customerName: String
        var ownerId: Int64
        var ownerName: String
        var title: String
        var sourceKind: String
        var sourceId: Int64?
        var opportunityId: Int64?
        var amount: String
        var taxRate: String
        var netAmount: String
        var costEstimate: String?
        var profit: String?
        var milestones: [Milestone]
        var technicalAnnex: String
        var commercialTerms: String
        var special: Bool
        var requiresMeeting: Bool
        var state: String
        var meetingDate: String
        var meetingAttendees: String
        var meetingMinutes: String
        var technicalSignedBy: Int64?
        var commercialSignedBy: Int64?
        var customerSignedOn: String
        var effectiveAt: String?
        var reviews: [Review]?
        var handoff: Handoff?
        var actions: [String]?
        var version: Int
        var createdAt: String
        var updatedAt: String

        init(
            _ i: ContractItem, confidential: Bool, threshold: Money, reviews: [ContractReview]? = nil,
            handoff: ContractHandoff? = nil,
            actions: [String]? = nil
        ) {
            let k = i.contract
            id = k.id; number = k.number; amendment = k.amendment; customerId = k.customerId;
            customerName = i.customerName
            ownerId = k.ownerId; ownerName = i.ownerName; title = k.title; sourceKind = k.sourceKind;
            sourceId = k.sourceId; opportunityId = k.opportunityId
            amount = k.amount.decimalString
            taxRate = Rate.text(k.taxRate); netAmount = k.netAmount.decimalString
            // Absent when the reader may not see them, or (for those who may) while the cost is not known.
            costEstimate = confidential ? k.costEstimate?.decimalString : nil
            profit = confidential ? k.profit?.decimalString : nil
            milestones = k.milestones.map { Milestone(name: $0.name, amount: $0.amount.decimalString, due: $0.due) }
            technicalAnnex = k.technicalAnnex; commercialTerms = k.commercialTerms; special = k.special
            requiresMeeting = k.isSpecial(threshold: threshold); state = k.state.rawValue; meetingDate = k.meetingDate
            meetingAttendees = k.meetingAttendees; meetingMinutes = k.meetingMinutes;
            technicalSignedBy = k.technicalSignedBy
            commercialSignedBy = k.commercialSignedBy; customerSignedOn = k.customerSignedOn
            effectiveAt = k.effectiveAt.map { DTO.iso(millis: $0) }
            self.reviews = reviews?.map(Review.init)
            self.handoff = handoff.map {
                Handoff(
                    implementationId: $0.implementationId, implementationState: $0.implementationState,
                    paymentPlan: $0.plan.map { Milestone(name: $0.name, amount: $0.amount.decimalString, due: $0.due) })
            }
            self.actions = actions; version = k.version
            createdAt = DTO.iso(millis: k.createdAt); updatedAt = DTO.iso(millis: k.updatedAt)
        }
    }
}
