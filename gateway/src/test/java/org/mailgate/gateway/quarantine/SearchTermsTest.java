package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void indexesSubjectWordsAndAddressesWholeAndInParts() {
        assertThat(SearchTerms.of("Jane.Doe@Council.example", List.of("x@nhs.example"), "Re: Case 4711 — O'Brien"))
                .containsExactlyInAnyOrder("re", "case", "4711", "o", "brien", "jane.doe@council.example", "jane",
                        "doe", "council", "example", "x@nhs.example", "x", "nhs");
    }

    @Test
    void queryWordsSplitLikeTheIndexButKeepAddressesWhole() {
        assertThat(SearchTerms.query("  Case-4711  jane.doe@COUNCIL ")).containsExactly("case", "4711",
                "jane.doe@council");
        assertThat(SearchTerms.query("%% ' --")).isEmpty();
        assertThat(SearchTerms.query("Zoë Müller")).containsExactly("zoë", "müller");
    }

    @Test
    void longWordsAreCutWithoutSplittingACharacter() {
        String address = "a".repeat(SearchTerms.MAX_TERM - 1) + "😀@example.org";
        assertThat(SearchTerms.of(address, List.of(), "")).contains("a".repeat(SearchTerms.MAX_TERM - 1)).allSatisfy(t -> {
            assertThat(t.length()).isLessThanOrEqualTo(SearchTerms.MAX_TERM);
            assertThat(Character.isHighSurrogate(t.charAt(t.length() - 1))).isFalse();
        });
    }

    @Test
    void aPrefixIsARangeOfStrings() {
        assertThat(SearchTerms.prefixBounds("case")).containsExactly("case", "casf");
        assertThat(SearchTerms.prefixBounds("a" + Character.MAX_VALUE)).containsExactly("a" + Character.MAX_VALUE, "b");
        assertThat("case 4711".compareTo("casf")).isNegative();
    }
}
