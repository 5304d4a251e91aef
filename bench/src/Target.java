/** A server under test: its name in the report, loopback address, and process id (for peak RSS). */
record Target(String name, String host, int port, long pid) {
    static Target parse(String name, String spec) {
        // host:port[:pid]
        String[] p = spec.split(":");
        return new Target(name, p[0], Integer.parseInt(p[1]), p.length > 2 ? Long.parseLong(p[2]) : -1);
    }
}
