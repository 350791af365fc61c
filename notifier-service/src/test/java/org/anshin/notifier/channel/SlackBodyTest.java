package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.anshin.notifier.Notices;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.junit.jupiter.api.Test;

class SlackBodyTest {
    private static final String HOSTILE = "<!channel> see <https://evil.example/x|click> & <@U123> a>b";

    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec slack = Notices.spec("s", ChannelType.SLACK, "http://h/s");

    private JsonNode render(IncidentNotice... notices) {
        return SlackBody.render(json, new Outbound(slack, List.of(notices)));
    }

    private static String section(JsonNode body) {
        return body.get("blocks").get(1).get("text").get("text").asText();
    }

    private static String header(JsonNode body) {
        return body.get("blocks").get(0).get("text").get("text").asText();
    }

    private static String context(JsonNode body) {
        return body.get("blocks").get(2).get("elements").get(0).get("text").asText();
    }

    @Test
    void slackHasFallbackTextAndBlocks() {
        JsonNode body = render(Notices.notice("n1", "inc-1"));
        assertThat(body.get("text").asText()).contains("inc-1").contains("exceeds the verification level")
                .contains("検証レベル超過");
        assertThat(body.get("blocks")).hasSize(3);
        assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(body.get("blocks").get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(section(body)).contains("supplyLossKw 150000").doesNotContain(SlackBody.MARKER);
        assertThat(body.get("blocks").get(1).get("text").get("verbatim").asBoolean()).isTrue();
    }

    @Test
    void reportTextIsEscapedInEveryMrkdwnFieldAndTheFallbackText() {
        JsonNode body = render(Notices.builder("n1", "inc<!here>&1").setSummary(HOSTILE).setReason("r<b>&c").build());
        assertThat(section(body))
                .contains("&lt;!channel&gt; see &lt;https://evil.example/x|click&gt; &amp; &lt;@U123&gt; a&gt;b")
                .contains("*Reason:* r&lt;b&gt;&amp;c")
                .doesNotContain("<!channel>").doesNotContain("<https://").doesNotContain("<@U123>");
        assertThat(body.get("text").asText()).contains("inc&lt;!here&gt;&amp;1").doesNotContain("<!here>");
        assertThat(context(body)).contains("inc&lt;!here&gt;&amp;1").doesNotContain("<");
        // nothing but & < > is touched: Slack decodes only those three entities
        assertThat(SlackBody.escape("*bold* _it_ `c` \"q\" 'a' é 検証")).isEqualTo("*bold* _it_ `c` \"q\" 'a' é 検証");
    }

    @Test
    void plainTextIsNotEscapedBecauseSlackParsesNothingInIt() {
        JsonNode body = render(Notices.builder("n1", "inc<!here>&1").build());
        assertThat(header(body)).contains("inc<!here>&1");
    }

    @Test
    void aTenThousandCharacterSummaryIsCutToTheSectionLimitWithTheMarkerAndTheRestOfTheSectionKept() {
        String summary = (HOSTILE + " 停電 😀 ").repeat(200).substring(0, 10_000);
        JsonNode body = render(Notices.builder("n1", "inc-1").setSummary(summary).build());
        String section = section(body);
        assertThat(section.length()).isLessThanOrEqualTo(SlackBody.SECTION_MAX).isGreaterThan(2_900);
        assertThat(section).contains("&lt;!channel&gt;").contains(SlackBody.MARKER)
                .contains("*Occurred:* 2026-11-25T00:00:00Z").startsWith("*Sector:* electricity");
        assertNoHalfEscapeOrSurrogate(section);
    }

    @Test
    void aLongIncidentIdIsCutInTheHeaderTheContextAndTheText() {
        String id = "inc-" + "x".repeat(40_000);
        JsonNode body = render(Notices.builder("n1", id).build());
        assertThat(header(body)).hasSizeLessThanOrEqualTo(SlackBody.HEADER_MAX).endsWith(SlackBody.MARKER);
        assertThat(context(body)).hasSizeLessThanOrEqualTo(SlackBody.CONTEXT_MAX).endsWith(SlackBody.MARKER);
        assertThat(body.get("text").asText()).hasSizeLessThanOrEqualTo(SlackBody.TEXT_MAX).endsWith(SlackBody.MARKER);
    }

    @Test
    void aHugeGroupKeepsTheSectionWithinItsLimit() {
        List<IncidentNotice> notices = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            notices.add(Notices.builder("n" + i, "inc-1").setNoticeType(NoticeType.UPDATED).build());
        }
        String section = section(SlackBody.render(json, new Outbound(slack, notices)));
        assertThat(section).hasSizeLessThanOrEqualTo(SlackBody.SECTION_MAX).contains("2000 notices merged: UPDATED")
                .contains(SlackBody.MARKER).contains("*Summary:*");
    }

    @Test
    void theCutNeverSplitsAnEntityOrASurrogatePair() {
        String marker = SlackBody.MARKER;
        // "aa&amp;..." cut inside "&amp;": the whole entity goes
        assertThat(SlackBody.fit("aa" + "&amp;" + "b".repeat(50), 4 + marker.length())).isEqualTo("aa" + marker);
        // a cut right after the entity keeps it
        assertThat(SlackBody.fit("aa" + "&lt;" + "b".repeat(50), 6 + marker.length())).isEqualTo("aa&lt;" + marker);
        // "😀" is two chars: never half of it
        assertThat(SlackBody.fit("a😀" + "b".repeat(50), 2 + marker.length())).isEqualTo("a" + marker);
        assertThat(SlackBody.fit("short", 150)).isEqualTo("short");
    }

    @Test
    void moreThanFiftyBlocksAreCutToFiftyTheLastSayingSo() {
        ArrayNode blocks = json.createArrayNode();
        for (int i = 0; i < 60; i++) {
            blocks.addObject().put("type", "divider");
        }
        SlackBody.limitBlocks(blocks);
        assertThat(blocks).hasSize(SlackBody.MAX_BLOCKS);
        assertThat(blocks.get(49).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(49).get("elements").get(0).get("text").asText()).isEqualTo(SlackBody.MARKER);
    }

    /** Whatever the text, the escaped and cut form has no control character and, unescaped, is a prefix of it. */
    @Property(tries = 300)
    void escapedAndCutTextIsSafeAndFaithful(@ForAll String text, @ForAll @IntRange(min = 20, max = 400) int max) {
        String escaped = SlackBody.escape(text);
        String fitted = SlackBody.fit(escaped, max);
        assertThat(fitted.length()).isLessThanOrEqualTo(max);
        assertThat(fitted).doesNotContain("<").doesNotContain(">");
        String shown = fitted.equals(escaped) ? fitted : fitted.substring(0, fitted.length() - SlackBody.MARKER.length());
        assertThat(text).startsWith(unescape(shown));
        if (!shown.isEmpty() && shown.length() < escaped.length()) {
            assertThat(Character.isHighSurrogate(shown.charAt(shown.length() - 1))).as("half a pair at the cut").isFalse();
        }
    }

    /** Slack's decoding: one pass, left to right, the three entities only. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            if (s.startsWith("&amp;", i)) {
                out.append('&');
                i += 5;
            } else if (s.startsWith("&lt;", i)) {
                out.append('<');
                i += 4;
            } else if (s.startsWith("&gt;", i)) {
                out.append('>');
                i += 4;
            } else {
                assertThat(s.charAt(i)).as("a bare & at %d of %s", i, s).isNotEqualTo('&');
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static void assertNoHalfEscapeOrSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '&') {
                assertThat(s.startsWith("&amp;", i) || s.startsWith("&lt;", i) || s.startsWith("&gt;", i))
                        .as("entity at %d of %s", i, s).isTrue();
            }
            if (Character.isHighSurrogate(s.charAt(i))) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).isTrue();
            }
        }
    }
}
