import Foundation

/// A minimal ZIP writer (stored entries, no compression): enough for .xlsx files and document packages,
/// and readable by Excel, LibreOffice, WPS and every unzip. Entries are written one after another as bytes to send;
/// an entry whose size is not known beforehand (a streamed worksheet) carries its CRC and size after its content.
public struct ZipStream: Sendable {
    public init() {}

    private var offset: UInt32 = 0
    private var central = Data()
    private var count: UInt16 = 0
    private var open: (name: Data, offset: UInt32, crc: UInt32, size: UInt32)?

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The running CRC-32 of `bytes` after `c` (start with 0).
    static func crc32(_ bytes: Data, after c: UInt32 = 0) -> UInt32 {
        var c = c ^ 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }

    /// 0x0800: names are UTF-8; 0x0008: CRC and sizes follow the content. Time and date are fixed at 1980-01-01
    /// so output is reproducible.
    private static func localHeader(_ name: Data, flags: UInt16, crc: UInt32, size: UInt32) -> Data {
        var local = le32(0x0403_4B50)
        local += le16(20) + le16(flags) + le16(0) + le16(0) + le16(0x21)
        local += le32(crc) + le32(size) + le32(size)
        return local + le16(UInt16(name.count)) + le16(0) + name
    }

    private mutating func record(_ name: Data, flags: UInt16, crc: UInt32, size: UInt32, at start: UInt32) {
        var entry = ZipStream.le32(0x0201_4B50)
        // Made by Unix (0x03xx), so unzip tools take the names as the UTF-8 flag says instead of a DOS code page.
        entry += ZipStream.le16(0x0314) + ZipStream.le16(20) + ZipStream.le16(flags) + ZipStream.le16(0)
        entry += ZipStream.le16(0) + ZipStream.le16(0x21)
        entry += ZipStream.le32(crc) + ZipStream.le32(size) + ZipStream.le32(size)
        entry += ZipStream.le16(UInt16(name.count)) + ZipStream.le16(0) + ZipStream.le16(0)
        // External attributes: a regular file, rw-r--r--.
        entry += ZipStream.le16(0) + ZipStream.le16(0) + ZipStream.le32(0o100644 << 16) + ZipStream.le32(start)
        central += entry + name
        count += 1
    }

    /// A whole entry: its header and content.
    public mutating func entry(_ name: String, _ content: Data) -> Data {
        let n = Data(name.utf8), crc = ZipStream.crc32(content), size = UInt32(content.count)
        let out = ZipStream.localHeader(n, flags: 0x0800, crc: crc, size: size) + content
        record(n, flags: 0x0800, crc: crc, size: size, at: offset)
        offset += UInt32(out.count)
        return out
    }

    /// The header of an entry whose content follows in `write`s and ends with `end`.
    public mutating func begin(_ name: String) -> Data {
        let n = Data(name.utf8)
        let out = ZipStream.localHeader(n, flags: 0x0808, crc: 0, size: 0)
        open = (n, offset, 0, 0)
        offset += UInt32(out.count)
        return out
    }

    public mutating func write(_ chunk: Data) -> Data {
        open!.crc = ZipStream.crc32(chunk, after: open!.crc)
        open!.size += UInt32(chunk.count)
        offset += UInt32(chunk.count)
        return chunk
    }

    /// The data descriptor closing the open entry.
    public mutating func end() -> Data {
        let e = open!
        open = nil
        let out = ZipStream.le32(0x0807_4B50) + ZipStream.le32(e.crc) + ZipStream.le32(e.size) + ZipStream.le32(e.size)
        record(e.name, flags: 0x0808, crc: e.crc, size: e.size, at: e.offset)
        offset += UInt32(out.count)
        return out
    }

    /// The central directory and its end record.
    public func finish() -> Data {
        var end = ZipStream.le32(0x0605_4B50)
        end += ZipStream.le16(0) + ZipStream.le16(0) + ZipStream.le16(count) + ZipStream.le16(count)
        end += ZipStream.le32(UInt32(central.count)) + ZipStream.le32(offset) + ZipStream.le16(0)
        return central + end
    }
}

/// A ZIP built whole in memory (a tender's package, a small workbook).
public struct ZipWriter {
    public init() {}

    private var stream = ZipStream()
    private var data = Data()

    static func crc32(_ bytes: Data) -> UInt32 { ZipStream.crc32(bytes) }

    public mutating func add(_ name: String, _ content: Data) { data += stream.entry(name, content) }

    public func finish() -> Data { data + stream.finish() }
}
