#include "surveys/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "platform/text/utf8.hpp"

namespace mc::surveys {

std::string_view kind_name(ItemKind k) {
    switch (k) {
    case ItemKind::likert: return "likert";
    case ItemKind::single: return "single";
    case ItemKind::multiple: return "multiple";
    case ItemKind::number: return "number";
    case ItemKind::text: return "text";
    }
    return "likert";
}

std::optional<ItemKind> kind_from(std::string_view name) {
    for (auto k : {ItemKind::likert, ItemKind::single, ItemKind::multiple, ItemKind::number, ItemKind::text})
        if (kind_name(k) == name) return k;
    return std::nullopt;
}

bool is_milestone(std::string_view m) { return std::ranges::find(milestones, m) != std::end(milestones); }
bool is_survey_kind(std::string_view k) { return std::ranges::find(survey_kinds, k) != std::end(survey_kinds); }

bool in_audience(const Audience& audience, const Person& p) {
    for (const auto& [dimension, values] : audience) {
        if (values.empty()) continue;
        auto has = [&](const std::string& v) { return std::ranges::find(values, v) != values.end(); };
        bool match = false;
        if (dimension == "role") match = std::ranges::any_of(p.roles, has);
        else if (dimension == "setting") match = has(p.setting);
        else if (dimension == "language") match = has(p.language);
        else if (dimension == "program") match = has(p.program_id);
        // A region is a county ("county:adams") or a class from the agency's table ("class:rural").
        else if (dimension == "region") match = has("county:" + p.county) || has("class:" + p.region_class);
        if (!match) return false;
    }
    return true;
}

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

void check_line(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
                std::size_t max, bool required) {
    if (required && blank(text)) errors.push_back({field, "surveys.errors.required"});
    else if (text.size() > max) errors.push_back({field, "surveys.errors.too_long"});
    else if (!text::is_clean_line(text)) errors.push_back({field, "surveys.errors.bad_text"});
}

void check_paragraph(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
                     std::size_t max) {
    if (text.size() > max) errors.push_back({field, "surveys.errors.too_long"});
    else if (!text::valid_utf8(text) || text::has_control_chars(text, true))
        errors.push_back({field, "surveys.errors.bad_text"});
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto nl = text.find('\n', start);
        auto line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (!line.empty()) out.emplace_back(line);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

} // namespace

std::vector<FieldError> validate_survey(const Survey& s) {
    std::vector<FieldError> errors;
    check_line(errors, "title_en", s.title.en, kMaxTitle, true);
    check_line(errors, "title_es", s.title.es, kMaxTitle, true);
    check_paragraph(errors, "intro_en", s.intro.en, kMaxPrompt);
    check_paragraph(errors, "intro_es", s.intro.es, kMaxPrompt);
    if (!is_survey_kind(s.kind)) errors.push_back({"kind", "surveys.errors.choice"});
    if (s.kind == "satisfaction" && !is_milestone(s.milestone)) errors.push_back({"milestone", "surveys.errors.milestone"});
    if (s.kind != "satisfaction" && !s.milestone.empty()) errors.push_back({"milestone", "surveys.errors.milestone"});
    if (s.items.size() > kMaxItems) errors.push_back({"items", "surveys.errors.too_many_items"});
    return errors;
}

std::vector<FieldError> validate_item(const Item& item) {
    std::vector<FieldError> errors;
    check_line(errors, "prompt_en", item.prompt.en, kMaxPrompt, true);
    check_line(errors, "prompt_es", item.prompt.es, kMaxPrompt, true);
    bool choices = item.kind == ItemKind::single || item.kind == ItemKind::multiple;
    if (choices && item.options.size() < 2) errors.push_back({"options_en", "surveys.errors.two_options"});
    if (!choices && !item.options.empty()) errors.push_back({"options_en", "surveys.errors.no_options"});
    if (item.options.size() > kMaxOptions) errors.push_back({"options_en", "surveys.errors.too_many_options"});
    for (const auto& o : item.options) {
        check_line(errors, "options_en", o.label.en, kMaxOption, true);
        check_line(errors, "options_es", o.label.es, kMaxOption, true);
    }
    if (item.kind == ItemKind::number) {
        auto in_range = [](const std::optional<long long>& v) { return !v || std::llabs(*v) <= kMaxNumber; };
        if (!in_range(item.min_value) || !in_range(item.max_value)) errors.push_back({"min_value", "surveys.errors.number_range"});
        else if (item.min_value && item.max_value && *item.min_value > *item.max_value)
            errors.push_back({"min_value", "surveys.errors.number_range"});
    } else if (item.min_value || item.max_value) {
        errors.push_back({"min_value", "surveys.errors.no_range"});
    }
    return errors;
}

std::vector<Option> options_from_lines(std::string_view english, std::string_view spanish,
                                       std::vector<FieldError>& errors) {
    auto en = lines_of(english), es = lines_of(spanish);
    if (en.size() != es.size()) {
        errors.push_back({"options_es", "surveys.errors.option_counts"});
        return {};
    }
    std::vector<Option> out;
    for (std::size_t i = 0; i < en.size(); ++i) out.push_back({"o" + std::to_string(i + 1), {en[i], es[i]}});
    return out;
}

std::vector<Answer> check_answers(const Survey& s, const RawAnswers& raw, std::vector<FieldError>& errors) {
    std::vector<Answer> out;
    for (const auto& item : s.items) {
        std::string field = "item_" + item.id;
        std::vector<std::string> given;
        if (auto it = raw.find(item.id); it != raw.end())
            for (const auto& v : it->second)
                if (!blank(v)) given.push_back(v);
        if (given.empty()) {
            if (item.required) errors.push_back({field, "surveys.errors.answer_required"});
            continue;
        }
        Answer a{item.id, {}, std::nullopt, {}};
        switch (item.kind) {
        case ItemKind::likert:
        case ItemKind::single: {
            bool known = false;
            if (given.size() == 1) {
                if (item.kind == ItemKind::likert)
                    known = std::ranges::find(likert_points, given[0]) != std::end(likert_points);
                else
                    known = std::ranges::any_of(item.options, [&](const Option& o) { return o.id == given[0]; });
            }
            if (!known) errors.push_back({field, "surveys.errors.choice"});
            else a.choices = given;
            break;
        }
        case ItemKind::multiple: {
            std::vector<std::string> seen;
            for (const auto& g : given) {
                if (!std::ranges::any_of(item.options, [&](const Option& o) { return o.id == g; })) {
                    errors.push_back({field, "surveys.errors.choice"});
                    seen.clear();
                    break;
                }
                if (std::ranges::find(seen, g) == seen.end()) seen.push_back(g);
            }
            a.choices = seen;
            break;
        }
        case ItemKind::number: {
            const auto& v = given[0];
            char* end = nullptr;
            double d = v.size() <= 24 ? std::strtod(v.c_str(), &end) : 0;
            bool ok = given.size() == 1 && v.size() <= 24 && end && *end == '\0' && std::isfinite(d) &&
                      std::fabs(d) <= static_cast<double>(kMaxNumber);
            if (ok && item.min_value && d < static_cast<double>(*item.min_value)) ok = false;
            if (ok && item.max_value && d > static_cast<double>(*item.max_value)) ok = false;
            if (!ok) errors.push_back({field, "surveys.errors.number"});
            else a.number = d;
            break;
        }
        case ItemKind::text: {
            const auto& v = given[0];
            if (given.size() != 1 || v.size() > kMaxTextAnswer) errors.push_back({field, "surveys.errors.too_long"});
            else if (!text::valid_utf8(v) || text::has_control_chars(v, true))
                errors.push_back({field, "surveys.errors.bad_text"});
            else a.text = v;
            break;
        }
        }
        if (!a.choices.empty() || a.number || !a.text.empty()) out.push_back(std::move(a));
    }
    return out;
}

namespace {

Bilingual both(const Texts& text, const std::string& key) { return {text("en", key), text("es", key)}; }

Item item_of(const Texts& text, std::string id, ItemKind kind, const std::string& key, int position) {
    Item it;
    it.id = std::move(id);
    it.kind = kind;
    it.position = position;
    it.prompt = both(text, "surveys.templates." + key);
    return it;
}

} // namespace

Survey needs_assessment_template(const Texts& text) {
    Survey s;
    s.kind = "needs_assessment";
    s.title = both(text, "surveys.templates.needs.title");
    s.intro = both(text, "surveys.templates.needs.intro");
    s.anonymous = true;
    int pos = 0;
    // One item per PD topic: had training in it, want training in it (either, both or none).
    for (auto topic : pd_topics) {
        auto it = item_of(text, "topic_" + std::string(topic), ItemKind::multiple,
                          "needs.topics." + std::string(topic), ++pos);
        it.options = {{"had", both(text, "surveys.templates.needs.had")},
                      {"want", both(text, "surveys.templates.needs.want")}};
        s.items.push_back(std::move(it));
    }
    auto barriers_item = item_of(text, "barriers", ItemKind::multiple, "needs.barriers_prompt", ++pos);
    for (auto b : barriers)
        barriers_item.options.push_back({std::string(b), both(text, "surveys.templates.needs.barriers." + std::string(b))});
    s.items.push_back(std::move(barriers_item));
    auto formats = item_of(text, "formats", ItemKind::multiple, "needs.formats_prompt", ++pos);
    for (auto f : {"online_self_paced", "live_online", "in_person", "coaching", "blended"})
        formats.options.push_back({f, both(text, std::string("surveys.templates.needs.formats.") + f)});
    s.items.push_back(std::move(formats));
    auto schedules = item_of(text, "schedules", ItemKind::multiple, "needs.schedules_prompt", ++pos);
    for (auto f : {"weekday_daytime", "nap_time", "weekday_evening", "weekend"})
        schedules.options.push_back({f, both(text, std::string("surveys.templates.needs.schedules.") + f)});
    s.items.push_back(std::move(schedules));
    auto hours = item_of(text, "hours", ItemKind::number, "needs.hours_prompt", ++pos);
    hours.min_value = 0;
    hours.max_value = 40;
    s.items.push_back(std::move(hours));
    s.items.push_back(item_of(text, "comments", ItemKind::text, "needs.comments_prompt", ++pos));
    return s;
}

Survey satisfaction_template(const Texts& text, std::string_view milestone) {
    Survey s;
    s.kind = "satisfaction";
    s.milestone = std::string(milestone);
    std::string base = "satisfaction." + std::string(milestone);
    s.title = both(text, "surveys.templates." + base + ".title");
    s.intro = both(text, "surveys.templates.satisfaction.intro");
    s.anonymous = true;
    // A few items only: it is offered after a milestone and must never be a burden.
    s.items.push_back(item_of(text, "overall", ItemKind::likert, "satisfaction.overall", 1));
    s.items.push_back(item_of(text, "clear", ItemKind::likert, base + ".clear", 2));
    s.items.push_back(item_of(text, "useful", ItemKind::likert, base + ".useful", 3));
    s.items.push_back(item_of(text, "comment", ItemKind::text, "satisfaction.comment", 4));
    return s;
}

} // namespace mc::surveys
