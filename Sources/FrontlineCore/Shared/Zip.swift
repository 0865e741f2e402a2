import Foundation

/// A minimal ZIP writer (stored entries, no compression): enough for .xlsx files and document packages,
/// and readable by Excel, LibreOffice, WPS and every unzip.
public struct ZipWriter {
    public init() {}

    private var data = Data()
    private var central = Data()
    private var count: UInt16 = 0

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }

    public mutating func add(_ name: String, _ content: Data) {
        let nameBytes = Data(name.utf8)
        let crc = ZipWriter.crc32(content)
        let offset = UInt32(data.count)
        let size = UInt32(content.count)
        // 0x0800: names are UTF-8. Time/date fixed at 1980-01-01 so output is reproducible.
        var local = ZipWriter.le32(0x0403_4B50)
        local += ZipWriter.le16(20) + ZipWriter.le16(0x0800) + ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le16(0x21)
        local += ZipWriter.le32(crc) + ZipWriter.le32(size) + ZipWriter.le32(size)
        local += ZipWriter.le16(UInt16(nameBytes.count)) + ZipWriter.le16(0)
        data += local + nameBytes + content
        var entry = ZipWriter.le32(0x0201_4B50)
        // Made by Unix (0x03xx), so unzip tools take the names as the UTF-8 flag says instead of a DOS code page.
        entry += ZipWriter.le16(0x0314) + ZipWriter.le16(20) + ZipWriter.le16(0x0800) + ZipWriter.le16(0)
        entry += ZipWriter.le16(0) + ZipWriter.le16(0x21)
        entry += ZipWriter.le32(crc) + ZipWriter.le32(size) + ZipWriter.le32(size)
        entry += ZipWriter.le16(UInt16(nameBytes.count)) + ZipWriter.le16(0) + ZipWriter.le16(0)
        // External attributes: a regular file, rw-r--r--.
        entry += ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le32(0o100644 << 16) + ZipWriter.le32(offset)
        central += entry + nameBytes
        count += 1
    }

    public func finish() -> Data {
        var end = ZipWriter.le32(0x0605_4B50)
        end += ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le16(count) + ZipWriter.le16(count)
        end += ZipWriter.le32(UInt32(central.count)) + ZipWriter.le32(UInt32(data.count)) + ZipWriter.le16(0)
        return data + central + end
    }
}

