package dev.wharf.http.listen;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;

/** Jetty's HTTP/1 request parser, telling a {@link HeaderDeadline} each state it moves to. */
final class HeaderWatchingParser extends HttpParser {
    private volatile HeaderDeadline deadline;

    HeaderWatchingParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
        super(handler, maxHeaderBytes, compliance);
    }

    void watch(HeaderDeadline d) {
        deadline = d;
    }

    @Override
    protected void setState(State state) {
        super.setState(state);
        tell();
    }

    /** Between requests the parser is reset to START without {@link #setState}. */
    @Override
    public void reset() {
        super.reset();
        tell();
    }

    private void tell() {
        HeaderDeadline d = deadline;
        if (d != null) {
            d.parsing(getState());
        }
    }
}
