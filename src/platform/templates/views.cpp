#include "platform/templates/views.hpp"
#include "platform/templates/asset_version.hpp"

#include <fstream>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>

#include <kainjow/mustache.hpp>
#include <spdlog/spdlog.h>

namespace mc::web {

namespace {
std::string& asset_version_slot() {
    static std::string v = "0";
    return v;
}
} // namespace

// Written once before the server starts, read by every render after: no lock needed.
void set_asset_version(std::string version) { asset_version_slot() = std::move(version); }
const std::string& asset_version() { return asset_version_slot(); }

namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& j) {
    switch (j.type()) {
    case nlohmann::json::value_t::object: {
        mustache::data d{mustache::data::type::object};
        for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(*it));
        return d;
    }
    case nlohmann::json::value_t::array: {
        mustache::data d{mustache::data::type::list};
        for (const auto& item : j) d.push_back(to_data(item));
        return d;
    }
    case nlohmann::json::value_t::string: {
        // An empty string is false, as in JavaScript mustache: `{{#reason}}Reason: {{reason}}{{/reason}}`
        // must not print an empty label. A false value still renders as nothing in `{{reason}}`.
        const auto& s = j.get_ref<const std::string&>();
        return s.empty() ? mustache::data{mustache::data::type::bool_false} : mustache::data{s};
    }
    case nlohmann::json::value_t::boolean: return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                                                                 : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return mustache::data{std::to_string(j.get<long long>())};
    case nlohmann::json::value_t::number_float: {
        std::ostringstream s;
        s << j.get<double>();
        return mustache::data{s.str()};
    }
    default: return mustache::data{mustache::data::type::bool_false};
    }
}

// Template texts are read once and kept; templates are small and few.
struct TemplateCache {
    std::shared_mutex mutex;
    std::unordered_map<std::string, std::string> texts;
};
TemplateCache& cache() {
    static TemplateCache c;
    return c;
}

} // namespace

Views::Views(std::filesystem::path templates_dir, const i18n::Catalog& catalog)
    : dir_(std::move(templates_dir)), catalog_(catalog) {}

std::string Views::load(std::string_view name) const {
    std::string key = (dir_ / (std::string(name) + ".mustache")).string();
    auto& c = cache();
    {
        std::shared_lock lock(c.mutex);
        auto it = c.texts.find(key);
        if (it != c.texts.end()) return it->second;
    }
    std::ifstream in(key);
    if (!in) return {};
    std::stringstream text;
    text << in.rdbuf();
    std::unique_lock lock(c.mutex);
    return c.texts.emplace(key, text.str()).first->second;
}

// {{>domain/name}} is web/templates/domain/name.mustache; a short {{>csrf_field}} is partials/.
// Partials are written into the text before parsing: kainjow parses a partial again at every
// inclusion (per list item too), which was most of a page's rendering time.
std::string Views::expanded(std::string_view name, int depth) const {
    std::string text = load(name);
    if (depth > 8) return text; // a partial that includes itself stops here
    std::string out;
    std::size_t at = 0;
    for (auto pos = text.find("{{>"); pos != std::string::npos; pos = text.find("{{>", at)) {
        auto end = text.find("}}", pos);
        if (end == std::string::npos) break;
        std::string partial = text.substr(pos + 3, end - pos - 3);
        while (!partial.empty() && partial.front() == ' ') partial.erase(0, 1);
        while (!partial.empty() && partial.back() == ' ') partial.pop_back();
        out.append(text, at, pos - at);
        if (!partial.empty())
            out += expanded(partial.find('/') == std::string::npos ? "partials/" + partial : partial, depth + 1);
        at = end + 2;
    }
    out.append(text, at, std::string::npos);
    return out;
}

Result<std::string> Views::render(std::string_view name, const nlohmann::json& context, std::string_view locale) const {
    // Parsed once per server thread: rendering changes a template object's state, so threads
    // do not share one.
    thread_local std::unordered_map<std::string, std::unique_ptr<mustache::mustache>> parsed;
    std::string key = (dir_ / name).string();
    auto it = parsed.find(key);
    if (it == parsed.end()) {
        auto text = expanded(name);
        if (text.empty()) return fail(Errc::internal, "errors.internal", "missing template " + std::string(name));
        auto tmpl = std::make_unique<mustache::mustache>(text);
        if (!tmpl->is_valid())
            return fail(Errc::internal, "errors.internal", "template " + std::string(name) + ": " + tmpl->error_message());
        it = parsed.emplace(key, std::move(tmpl)).first;
    }
    mustache::mustache& tmpl = *it->second;
    mustache::data data = to_data(context);
    // Mustache cannot test a list for emptiness without rendering it per item: the error
    // summary partial needs a flag.
    if (auto e = context.find("errors"); e != context.end() && e->is_array() && !e->empty())
        data.set("has_errors", mustache::data{mustache::data::type::bool_true});
    std::string lang(locale);
    // Catalog text is ours, but escape it anyway: section lambdas are not escaped by mustache.
    data.set("t", mustache::lambda{[this, lang](const std::string& key) {
                 std::string k = key;
                 while (!k.empty() && std::isspace(static_cast<unsigned char>(k.back()))) k.pop_back();
                 while (!k.empty() && std::isspace(static_cast<unsigned char>(k.front()))) k.erase(0, 1);
                 return http::html_escape(catalog_.text(lang, k));
             }});
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
        std::string message = tmpl.error_message();
        parsed.erase(it); // a failed render leaves the object marked invalid
        return fail(Errc::internal, "errors.internal", "render " + std::string(name) + ": " + message);
    }
    return out;
}

nlohmann::json Views::common_context(const http::Request& req) const {
    nlohmann::json c;
    c["lang"] = req.locale;
    c["lang_es"] = req.locale == "es";
    c["lang_en"] = req.locale != "es";
    c["csrf"] = req.principal.csrf_token;
    c["asset_v"] = asset_version();
    c["path"] = req.path;
    // The language switch keeps the visitor on the same page.
    std::string here = req.path;
    std::string other = req.locale == "es" ? "en" : "es";
    c["switch_lang_url"] = "/lang/" + other + "?next=" + http::percent_encode(req.target);
    c["signed_in"] = req.principal.signed_in();
    if (req.principal.signed_in()) {
        nlohmann::json user{{"name", req.principal.display_name}, {"id", req.principal.user_id}};
        if (principal_context_) user.update(principal_context_(req.principal));
        c["user"] = user;
    }
    auto notice = req.query_value("notice");
    if (!notice.empty() && catalog_.has_key(req.locale, "notices." + notice))
        c["notice"] = catalog_.text(req.locale, "notices." + notice);
    return c;
}

http::Response Views::page(const http::Request& req, std::string_view name, nlohmann::json context, int status) const {
    auto common = common_context(req);
    for (auto it = common.begin(); it != common.end(); ++it)
        if (!context.contains(it.key())) context[it.key()] = *it;
    if (context.contains("title_key") && !context.contains("title"))
        context["title"] = catalog_.text(req.locale, context["title_key"].get<std::string>());
    auto body = render(name, context, req.locale);
    if (!body) {
        spdlog::error("page {}: {}", name, body.error().detail);
        return http::Response::text("Internal error", 500);
    }
    context["content"] = std::move(*body);
    auto whole = render("layout", context, req.locale);
    if (!whole) {
        spdlog::error("layout: {}", whole.error().detail);
        return http::Response::text("Internal error", 500);
    }
    auto res = http::Response::html(std::move(*whole), status);
    res.header("Content-Language", req.locale);
    return res;
}

http::Response Views::fragment(const http::Request& req, std::string_view name, const nlohmann::json& context,
                               int status) const {
    auto ctx = context;
    auto common = common_context(req);
    for (auto it = common.begin(); it != common.end(); ++it)
        if (!ctx.contains(it.key())) ctx[it.key()] = *it;
    auto body = render(name, ctx, req.locale);
    if (!body) {
        spdlog::error("fragment {}: {}", name, body.error().detail);
        return http::Response::text("Internal error", 500);
    }
    return http::Response::html(std::move(*body), status);
}

} // namespace mc::web
