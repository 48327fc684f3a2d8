package org.colloquy.article.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void germanTitlesBecomeReadableSlugs() {
        assertThat(Slugs.base("Über die Energiewende: Größe, Maß und Öl")).isEqualTo(
                "ueber-die-energiewende-groesse-mass-und-oel");
        assertThat(Slugs.base("Café crème à la française")).isEqualTo("cafe-creme-a-la-francaise");
        assertThat(Slugs.base("  --Was nun?--  ")).isEqualTo("was-nun");
    }

    @Test
    void aTitleWithoutLettersOrDigitsIsAnArticleAndALongOneIsCutToTheLimit() {
        assertThat(Slugs.base("!!!")).isEqualTo("article");
        assertThat(Slugs.base("日本語")).isEqualTo("article");
        String slug = Slugs.base("wort ".repeat(40));
        assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-").startsWith("wort-wort");
    }

    @Test
    void aTakenSlugGetsTheLowestFreeSuffix() {
        assertThat(Slugs.firstFree("energie", Set.of())).isEqualTo("energie");
        assertThat(Slugs.firstFree("energie", Set.of("energie", "energie-2", "energie-4"))).isEqualTo("energie-3");
    }

    @Test
    void aSlugIsMadeFromItsBaseAloneOrWithANumber() {
        assertThat(Slugs.madeFrom("energie", "energie")).isTrue();
        assertThat(Slugs.madeFrom("energie-12", "energie")).isTrue();
        assertThat(Slugs.madeFrom("energie-", "energie")).isFalse();
        assertThat(Slugs.madeFrom("energie-wende", "energie")).isFalse();
        assertThat(Slugs.madeFrom("energiewende", "energie")).isFalse();
        assertThat(Slugs.madeFrom("energie", "energie-2")).isFalse();
    }
}
