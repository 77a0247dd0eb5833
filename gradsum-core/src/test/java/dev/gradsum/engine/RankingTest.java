package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.ScoredCandidate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static ScoredCandidate scored(String id, String prompt, double score, int rated) {
        return new ScoredCandidate(new Candidate(id, PromptTemplate.of(prompt), null, 0, null), score, rated, 5 - rated);
    }

    private static List<String> ranked(ScoredCandidate... candidates) {
        List<ScoredCandidate> list = new ArrayList<>(List.of(candidates));
        list.sort(Ranking.BEST_FIRST);
        return list.stream().map(s -> s.candidate().id()).toList();
    }

    @Test
    void a_higher_score_ranks_first() {
        assertThat(ranked(scored("c1", "a much longer prompt", 0.4, 5), scored("c2", "short", 0.8, 5)))
                .containsExactly("c2", "c1");
    }

    @Test
    void a_tie_goes_to_the_shorter_prompt_then_to_the_older_candidate() {
        assertThat(ranked(scored("c12", "same", 0.5, 5), scored("c3", "longer one", 0.5, 5), scored("c4", "same", 0.5, 5)))
                .containsExactly("c4", "c12", "c3");
    }

    @Test
    void a_candidate_with_no_rated_row_ranks_last() {
        assertThat(ranked(scored("c1", "none rated", 0, 0), scored("c2", "all failed", 0, 5)))
                .containsExactly("c2", "c1");
    }
}
