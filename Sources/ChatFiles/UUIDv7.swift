/// Generates UUID version 7 ids (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits.
///
/// The time prefix makes ids sort by creation time, which keeps index inserts local; the random bits
/// come from the system's cryptographic generator, so ids cannot be guessed from each other.
enum UUIDv7 {
    static func make(milliseconds: UInt64) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = generator.next() as UInt64
        let randomA = UInt16(truncatingIfNeeded: generator.next() as UInt64) & 0x0fff

        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> UInt64(8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(randomA >> 8)  // version 7
        bytes[7] = UInt8(truncatingIfNeeded: randomA)
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random >> UInt64(8 * (15 - index)))
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3f)  // RFC 9562 variant

        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                text.append(UInt8(ascii: "-"))
            }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
