package org.colloquy.comment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker sends in a comment body comes back inert; what a writer means comes back as written. */
class MarkupTest {

    @Test
    void anUnclosedTagIsRemovedWithTheRestOfTheText() {
        assertThat(CommentText.sanitize("hi <img src=x onerror=alert(1)//")).isEqualTo("hi");
        assertThat(CommentText.sanitize("hi <svg/onload=alert(1)")).isEqualTo("hi");
        assertThat(CommentText.sanitize("hi </script x=")).isEqualTo("hi");
        assertThat(CommentText.sanitize("hi <!-- x")).isEqualTo("hi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<svg/onload=alert(1)>", "<SCRIPT>alert(1)</SCRIPT>", "<<b>script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "< img src=x onerror=alert(1)>", "<a href=javascript:alert(1)>x</a>",
            "<javascript:alert(1)>", "<iframe srcdoc='&lt;script&gt;'>"})
    void tagsAreRemoved(String attack) {
        assertThat(CommentText.sanitize("vorher " + attack + " nachher")).doesNotContainPattern("<\\s*/?\\s*[a-zA-Z!]")
                .startsWith("vorher").endsWith("nachher");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&colon;alert(1)",
            "javascript&COLON;alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
            "&#0000106&#0000097vascript:alert(1)", "java&#9;script:alert(1)", "java&Tab;script:alert(1)",
            "javascript&#58;alert(1)", "javascript&#x3a;alert(1)", "javascript\\:alert(1)", "javascript%3Aalert(1)",
            "%6Aavascript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "javascript:alert((1))",
            "<javascript:alert(1)>", "<%6Aavascript:alert(1)>", "file:///etc/passwd"})
    void unsafeTargetsOfInlineLinksReferenceDefinitionsAndImagesBecomeAnchors(String target) {
        assertNeutralized("[x](" + target + ")");
        assertNeutralized("[x]( " + target + " \"Titel\")");
        assertNeutralized("[x](\n" + target + ")");
        assertNeutralized("![x](" + target + ")");
        assertNeutralized("[x][1]\n\n[1]: " + target);
        assertNeutralized("[x][1]\n\n   [1]:\n  " + target + " 'Titel'");
        assertNeutralized("> [x][1]\n>\n> [1]: " + target);
        assertNeutralized("- [x]\n\n  [x]: " + target);
        assertNeutralized("[a](https://ok.example) [b](" + target + ")");
    }

    @Test
    void theReferenceDefinitionOfTheIssueIsNeutralized() {
        assertThat(CommentText.sanitize("[x][1]\n\n[1]: javascript:alert(1)")).isEqualTo("[x][1]\n\n[1]: #");
        assertThat(CommentText.sanitize("[klick](javascript:alert(3))")).isEqualTo("[klick](#)");
    }

    @Test
    void aSafeTargetCannotHideAnUnsafeOne() {
        assertNeutralized("[y](a](javascript:alert(1))");
        assertNeutralized("[y](" + "a".repeat(Markup.TARGET_MAX) + "javascript:alert(1))");
    }

    @Test
    void writersTextAndSafeLinksStayAsWritten() {
        String text = """
                Siehe [die Doku](https://example.org/a_(b)?q=1&r=2#x "Titel"), [Mail](mailto:a@example.org),
                [relativ](/articles/x), [Anker](#oben) und ![Bild](http://example.org/b.png).
                [ref]: https://example.org/ref
                Mathe: 1 < 2, x<3 und a > b; "javascript: ist eine Sprache"; data: 5 Zeilen; [Notiz]
                `code` *kursiv* **fett**""";
        assertThat(CommentText.sanitize(text)).isEqualTo(text);
    }

    @Test
    @Timeout(2)
    void craftedBodiesStayCheap() {
        CommentText.sanitize("](".repeat(CommentText.MAX_CHARS / 2));
        CommentText.sanitize("<a".repeat(CommentText.MAX_CHARS / 2));
        CommentText.sanitize("< a".repeat(CommentText.MAX_CHARS / 3));
        CommentText.sanitize("<".repeat(CommentText.MAX_CHARS / 2) + "b>".repeat(CommentText.MAX_CHARS / 4));
        CommentText.sanitize("](&#9;".repeat(CommentText.MAX_CHARS / 6));
    }

    private static void assertNeutralized(String body) {
        String result = CommentText.sanitize(body);
        assertThat(result).as("neutralized %s", body).doesNotContainIgnoringCase("script")
                .doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("file:");
    }
}
