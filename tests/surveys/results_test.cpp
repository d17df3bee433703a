// Survey results against hand-counted responses: counts per answer, by language, means and
// medians, comments, and suppression of small groups (k = 10).
#include <gtest/gtest.h>

#include "surveys/model.hpp"
#include "surveys/results.hpp"

using namespace mc::surveys;

namespace {

Survey two_items() {
    Survey s;
    Item likert;
    likert.id = "overall";
    likert.kind = ItemKind::likert;
    Item choice;
    choice.id = "format";
    choice.kind = ItemKind::multiple;
    choice.options = {{"online", {"Online", "En línea"}}, {"in_person", {"In person", "Presencial"}}};
    Item text;
    text.id = "comment";
    text.kind = ItemKind::text;
    s.items = {likert, choice, text};
    return s;
}

ResponseRow response(int i, const std::string& lang, const std::string& point, std::vector<std::string> formats, std::string comment) {
    ResponseRow r{"r" + std::to_string(100 + i), "", lang, "center", "2026-11", {}};
    r.answers.push_back({"overall", {point}, std::nullopt, {}});
    if (!formats.empty()) r.answers.push_back({"format", formats, std::nullopt, {}});
    if (!comment.empty()) r.answers.push_back({"comment", {}, std::nullopt, comment});
    return r;
}

} // namespace

TEST(SurveyResults, CountsMeansAndMediansForEveryoneTogether) {
    // 14 English and 11 Spanish responses (25). Likert: English 4,4,4,4,4,4,4,5,5,5,5,3,3,2;
    // Spanish 5,5,5,5,5,4,4,4,4,3,3. Points: 1:0 2:1 3:4 4:11 5:9 -> sum 2+12+44+45 = 103,
    // mean 103/25 = 4.12; the 13th of 25 sorted values is 4 (1+4 = 5 below four, then 11 fours).
    std::vector<ResponseRow> rows;
    const char* en[] = {"4", "4", "4", "4", "4", "4", "4", "5", "5", "5", "5", "3", "3", "2"};
    const char* es[] = {"5", "5", "5", "5", "5", "4", "4", "4", "4", "3", "3"};
    int i = 0;
    // Formats: every English answer chose online, 12 of them also in person; Spanish: 11 online, 3 in person.
    for (auto p : en) rows.push_back(response(i, "en", p, i < 12 ? std::vector<std::string>{"online", "in_person"} : std::vector<std::string>{"online"}, "")), ++i;
    int j = 0;
    for (auto p : es) {
        bool both = j < 3, comment = j < 10; // the first three also in person; ten comments
        ++j;
        rows.push_back(response(i++, "es", p, both ? std::vector<std::string>{"online", "in_person"} : std::vector<std::string>{"online"},
                                comment ? "comentario" : ""));
    }
    auto s = two_items();
    auto all = item_results(s, rows, "", 10);
    ASSERT_EQ(all.size(), 3u);
    const auto& likert = all[0];
    EXPECT_EQ(likert.total_n.value, 25);
    // Points 2 (1 person), 3 (4) and 5 (9) are under 10: hidden, and a hidden count carries no
    // value at all. The three add up to 14 >= 10, so point 4 (11) and point 1 (0) stay shown.
    EXPECT_TRUE(likert.cells[0][1].hidden && likert.cells[0][2].hidden && likert.cells[0][4].hidden);
    EXPECT_EQ(likert.cells[0][1].value, 0);
    EXPECT_FALSE(likert.cells[0][0].hidden || likert.cells[0][3].hidden);
    EXPECT_EQ(likert.cells[0][0].value, 0);
    EXPECT_EQ(likert.cells[0][3].value, 11);
    ASSERT_TRUE(likert.total_mean && likert.total_median);
    EXPECT_DOUBLE_EQ(*likert.total_mean, 103.0 / 25.0);
    EXPECT_DOUBLE_EQ(*likert.total_median, 4.0);
    // Multiple choice: online 25 of 25, in person 15 of 25 (12 + 3), not chosen by 10: all shown.
    const auto& formats = all[1];
    EXPECT_EQ(formats.cells[0][0].value, 25);
    EXPECT_EQ(formats.cells[0][1].value, 15);
    EXPECT_FALSE(formats.cells[0][0].hidden || formats.cells[0][1].hidden);
    // Ten comments: shown (ten is enough).
    EXPECT_EQ(all[2].comments.size(), 10u);
}

TEST(SurveyResults, ByLanguageHidesTheSmallCellsAndWhatWouldGiveThemAway) {
    std::vector<ResponseRow> rows;
    // English: 12 responses, all "in person" except 2; Spanish: 11, "in person" 3.
    for (int i = 0; i < 12; ++i) rows.push_back(response(i, "en", "4", i < 10 ? std::vector<std::string>{"in_person"} : std::vector<std::string>{"online"}, ""));
    for (int i = 0; i < 11; ++i) rows.push_back(response(20 + i, "es", "5", i < 3 ? std::vector<std::string>{"in_person"} : std::vector<std::string>{"online"}, ""));
    auto results = item_results(two_items(), rows, "language", 10);
    const auto& formats = results[1];
    ASSERT_EQ(formats.groups, (std::vector<std::string>{"en", "es"}));
    // In person: English 10 (not 2), Spanish 3 (not 8). Spanish 3 and 8 are hidden; then, per
    // column, English's 10 and 2 go too (totals 13 and 10 would give them back). Group sizes
    // 12 and 11 stay: each is 10 or more and both lines hold.
    EXPECT_TRUE(formats.cells[1][1].hidden);
    EXPECT_TRUE(formats.cells[0][1].hidden);
    EXPECT_FALSE(formats.group_n[0].hidden || formats.group_n[1].hidden);
    EXPECT_EQ(formats.group_n[0].value, 12);
    EXPECT_EQ(formats.group_n[1].value, 11);
    // Likert by language: English all 4 (12 = n), Spanish all 5 (11): nothing small.
    EXPECT_DOUBLE_EQ(*results[0].mean[0], 4.0);
    EXPECT_DOUBLE_EQ(*results[0].mean[1], 5.0);
    // Comments: none written, nothing hidden.
    EXPECT_TRUE(results[2].comments.empty());
    EXPECT_FALSE(results[2].comments_hidden);
}

TEST(SurveyResults, TooFewResponsesShowNothing) {
    std::vector<ResponseRow> rows;
    for (int i = 0; i < 6; ++i) rows.push_back(response(i, "en", "5", {"online"}, "ok"));
    auto results = item_results(two_items(), rows, "", 10);
    EXPECT_TRUE(results[0].total_n.hidden);
    EXPECT_FALSE(results[0].total_mean.has_value());
    EXPECT_TRUE(results[2].comments.empty());
    EXPECT_TRUE(results[2].comments_hidden);
}

TEST(SurveyModel, AnswersAreCheckedAgainstTheirItems) {
    auto s = two_items();
    s.items[0].required = true;
    std::vector<FieldError> errors;
    auto answers = check_answers(s, {{"format", {"online", "nope"}}}, errors);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].field, "item_overall");
    EXPECT_EQ(errors[0].key, "surveys.errors.answer_required");
    EXPECT_EQ(errors[1].key, "surveys.errors.choice");
    errors.clear();
    answers = check_answers(s, {{"overall", {"5"}}, {"format", {"online", "online"}}, {"comment", {"bien\nmuy bien"}}}, errors);
    EXPECT_TRUE(errors.empty());
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[1].choices.size(), 1u); // the same option twice counts once
    errors.clear();
    check_answers(s, {{"overall", {"6"}}, {"comment", {std::string("a\x01")}}}, errors);
    EXPECT_EQ(errors.size(), 2u);
}

TEST(SurveyModel, TheNeedsAssessmentTemplateHasEveryTopicBarrierAndBothLanguages) {
    auto s = needs_assessment_template([](std::string_view l, std::string_view k) { return std::string(l) + ":" + std::string(k); });
    // 7 topics (had / want) + barriers + formats + schedules + hours + comments.
    ASSERT_EQ(s.items.size(), 12u);
    EXPECT_EQ(s.items[0].options.size(), 2u);
    EXPECT_EQ(s.items[7].id, "barriers");
    EXPECT_EQ(s.items[7].options.size(), 6u);
    EXPECT_EQ(s.items[0].prompt.es, "es:surveys.templates.needs.topics.child_development");
    for (const auto& it : s.items) EXPECT_TRUE(validate_item(it).empty()) << it.id;
    EXPECT_TRUE(validate_survey(s).empty());
}

TEST(SurveyModel, AudiencesMatchEveryDimensionGiven) {
    Person p{"u1", "es", "center", "prog1", "potter", "rural", {"educator"}};
    EXPECT_TRUE(in_audience({}, p));
    EXPECT_TRUE(in_audience({{"language", {"es"}}, {"region", {"class:rural"}}}, p));
    EXPECT_FALSE(in_audience({{"language", {"es"}}, {"setting", {"head_start"}}}, p));
    EXPECT_TRUE(in_audience({{"role", {"coach", "educator"}}}, p));
    EXPECT_TRUE(in_audience({{"region", {"county:potter"}}}, p));
}
