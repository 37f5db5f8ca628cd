import Testing
import TokenShellCore

@Suite struct IPv4CIDRTests {
    @Test(arguments: ["10.0.0.0/8", "0.0.0.0/0", "10.0.0.1/32", "192.168.1.0/24", "255.255.255.255/32", "10.0.0.1/8"])
    func validEntries(_ text: String) throws {
        let cidr = try IPv4CIDR.parse(text).get()
        #expect(cidr.text == text)
    }

    @Test(arguments: [
        "10.0.0.1", "10.0.0.0/33", "256.0.0.0/8", "010.0.0.0/8", "10.0.0.0/08", " 10.0.0.0/8", "10.0.0.0/8 ",
        "10.0.0/8", "10.0.0.0.0/8", "10.0.0.0/", "/8", "a.b.c.d/8", "10.0.0.0/-1", "10.0.0.0/8/8",
    ])
    func invalidEntries(_ text: String) {
        #expect(IPv4CIDR.parse(text) == .failure(.invalid(text)))
    }

    @Test(arguments: ["2001:db8::/32", "::1/128", "fe80:0:0:0:0:0:0:1/64"])
    func ipv6IsNamedAsSuch(_ text: String) {
        #expect(IPv4CIDR.parse(text) == .failure(.ipv6(text)))
    }

    @Test func membership() throws {
        let range = try IPv4CIDR.parse("192.168.1.0/24").get()
        #expect(range.contains("192.168.1.77"))
        #expect(range.contains("192.168.2.1") == false)
        #expect(range.contains("::ffff:192.168.1.5"))
        #expect(range.contains("not an ip") == false)
        #expect(try IPv4CIDR.parse("0.0.0.0/0").get().contains("8.8.8.8"))
        #expect(try IPv4CIDR.parse("127.0.0.1/32").get().contains("127.0.0.1"))
        #expect(try IPv4CIDR.parse("127.0.0.1/32").get().contains("127.0.0.2") == false)
        #expect(try IPv4CIDR.parse("10.9.9.9/8").get().contains("10.1.2.3"))
    }

    @Test func aSingleValueSplitsOnCommas() {
        #expect(
            IPv4CIDR.splitList("10.0.0.0/8, 192.168.1.0/24,1.2.3.4/32") == [
                "10.0.0.0/8", "192.168.1.0/24", "1.2.3.4/32",
            ])
    }

    @Test func errorTextMatchesNpm() {
        #expect("\(IPv4CIDR.ParseError.invalid("x"))" == "CIDR whitelist contains invalid CIDR entry: x")
        #expect("\(IPv4CIDR.ParseError.ipv6("::/0"))".contains("IPv4 addresses"))
    }
}
