package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.modules.LanguageCheck.Script;
import org.junit.jupiter.api.Test;

class LanguageCheckTest {
    @Test
    void a_chinese_prompt_with_english_placeholders_and_terms_is_chinese() {
        assertThat(LanguageCheck.dominantScript("请根据{context}回答问题：{question}。请用JSON格式输出答案。"))
                .contains(Script.CJK);
    }

    @Test
    void an_english_prompt_quoting_a_chinese_word_is_latin() {
        assertThat(LanguageCheck.dominantScript("Answer the question {question}; the word 答案 means answer."))
                .contains(Script.LATIN);
    }

    @Test
    void cyrillic_and_arabic_are_recognised() {
        assertThat(LanguageCheck.dominantScript("Ответьте на вопрос: {question}")).contains(Script.CYRILLIC);
        assertThat(LanguageCheck.dominantScript("أجب عن السؤال التالي {question}")).contains(Script.ARABIC);
    }

    @Test
    void a_chinese_prompt_rewritten_in_english_is_a_problem_naming_both_scripts() {
        assertThat(LanguageCheck.problem("请回答：{question}", "Please answer the question: {question}"))
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("changed language:")
                        .contains("Chinese/Japanese/Korean")
                        .contains("mostly in Latin"));
    }

    @Test
    void the_same_script_or_a_text_without_letters_is_no_problem() {
        assertThat(LanguageCheck.problem("请回答：{question}", "请一步一步思考，然后回答：{question}")).isEmpty();
        assertThat(LanguageCheck.problem("{question}", "Answer {question}")).isEmpty();
    }
}
