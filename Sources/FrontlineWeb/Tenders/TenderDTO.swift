import Foundation
import FrontlineCore
import FrontlineStore
import Vapor

/// JSON shapes of tenders (标书).
extension DTO {
    struct TenderFile: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, part, version, name, note, contentType = "content_type", size, sha256, uploadedBy = "uploaded_by"
            case uploaderName = "uploader_name", createdAt = "created_at", downloadURL = "download_url"
        }
        var id: Int64
        var part: String
        var version: Int
        var name: String
        var note: String
        var contentType: String
        var size: Int64
        var sha256: String
        var uploadedBy: Int64
        var uploaderName: String
        var createdAt: String
        var downloadURL: String

        init(_ f: FrontlineCore.TenderFile) {
            id = f.file.id; part = f.part.rawValue; version = f.version; name = f.file.name; note = f.note;
            contentType = f.file.contentType
            size = f.file.size; sha256 = f.file.sha256; uploadedBy = f.file.uploadedBy; uploaderName = f.uploaderName
            createdAt = DTO.iso(millis: f.file.createdAt);
            downloadURL = "/api/v1/tenders/\(f.tenderId)/files/\(f.file.id)"
        }
    }

    struct TenderPackageInfo: Encodable {
        enum CodingKeys: String, CodingKey {
            case size, sha256, versions, assembledAt = "assembled_at", downloadURL = "download_url"
        }
        var size: Int64
        var sha256: String
        var versions: [String: Int]
        var assembledAt: String?
        var downloadURL: String
    }

    struct Tender: Encodable {
        enum CodingKeys: String, CodingKey {
            case id, number, customerId = "customer_id", customerName = "customer_name", ownerId = "owner_id",
                ownerName = "owner_name", title
            case tenderNo = "tender_no", buyer, agency, deadline, deadlineNear = "deadline_near", state, bidAmount =
                "bid_amount"
            case depositAmount = "deposit_amount", deposit, depositPaidOn = "deposit_paid_on", depositClosedOn =
                "deposit_closed_on"
            case quotationId = "quotation_id", engineerId = "engineer_id", engineerName = "engineer_name", package
            case submittedAt = "submitted_at", lossReason = "loss_reason", winner, winningAmount = "winning_amount",
                contractId = "contract_id"
            case opportunityId = "opportunity_id", files, reviews, actions, version, createdAt = "created_at",
                updatedAt = "updated_at"
        }
        var id: Int64
        var number: String
        var customerId: Int64
        var customerName: String
        var ownerId: Int64
        var ownerName: String
        var title: String
        var tenderNo: String
        var buyer: String
        var agency: String
        var deadline: String
        var deadlineNear: Bool
        var state: String
        var bidAmount: String
        var depositAmount: String
        var deposit: String
        var depositPaidOn: String
        var depositClosedOn: String
        var quotationId: Int64?
        var engineerId: Int64?
        var engineerName: String?
        var package: TenderPackageInfo?
        var submittedAt: String?
        var lossReason: String
        var winner: String
        var winningAmount: String?
        var contractId: Int64?
        var opportunityId: Int64?
        var files: [TenderFile]?
        var reviews: [Review]?
        var actions: [String]?
        var version: Int
        var createdAt: String
        var updatedAt: String

        init(
            _ i: TenderItem, now: Int64, files: [FrontlineCore.TenderFile]? = nil,
            reviews: [FrontlineCore.Review]? = nil, actions: [String]? = nil
        ) {
            let t = i.tender
            id = t.id; number = t.number; customerId = t.customerId; customerName = i.customerName; ownerId = t.ownerId;
            ownerName = i.ownerName
            title = t.title; tenderNo = t.tenderNo; buyer = t.buyer; agency = t.agency;
            deadline = DTO.iso(seconds: t.deadline)
            deadlineNear = t.deadlineNear(now: now); state = t.state.rawValue; bidAmount = t.bidAmount.decimalString
            depositAmount = t.depositAmount.decimalString; deposit = t.deposit.rawValue; depositPaidOn = t.depositPaidOn
            depositClosedOn = t.depositClosedOn; quotationId = t.quotationId; engineerId = t.engineerId;
            engineerName = i.engineerName
            package =
                t.packageSha.isEmpty
                ? nil
                : TenderPackageInfo(
                    size: t.packageSize, sha256: t.packageSha, versions: t.packageVersions,
                    assembledAt: t.packageAt.map { DTO.iso(millis: $0) },
                    downloadURL: "/api/v1/tenders/\(t.id)/package")
            submittedAt = t.submittedAt.map { DTO.iso(millis: $0) }; lossReason = t.lossReason; winner = t.winner
            winningAmount = t.winningAmount?.decimalString; contractId = t.contractId; opportunityId = t.opportunityId
            self.files = files?.map(TenderFile.init)
            self.reviews = reviews?.map(Review.init)
            self.actions = actions; version = t.version
            createdAt = DTO.iso(millis: t.createdAt); updatedAt = DTO.iso(millis: t.updatedAt)
        }
    }
}
