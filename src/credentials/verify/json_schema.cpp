#include "credentials/verify/json_schema.hpp"

#include <cmath>
#include <regex>
#include <set>

#include "credentials/verify/schema_formats.hpp"

namespace mc::credentials::schema {
namespace {

using nlohmann::json;

// RFC 6901 escaping of one reference token.
std::string pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

bool has_type(const json& instance, const std::string& type) {
    if (type == "object") return instance.is_object();
    if (type == "array") return instance.is_array();
    if (type == "string") return instance.is_string();
    if (type == "number") return instance.is_number();
    if (type == "integer")
        return instance.is_number_integer() ||
               (instance.is_number_float() && std::floor(instance.get<double>()) == instance.get<double>());
    if (type == "boolean") return instance.is_boolean();
    if (type == "null") return instance.is_null();
    return false;
}

class Validator {
public:
    Validator(const json& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

    std::optional<Failure> check(const json& schema, const json& instance, const std::string& path,
                                 std::size_t depth) {
        if (depth > max_depth_) return Failure{path, "nested too deeply"};
        if (schema.is_boolean()) return schema.get<bool>() ? std::nullopt : fail(path, "no value is allowed here");
        if (!schema.is_object()) return std::nullopt;
        if (auto t = schema.find("type"); t != schema.end()) {
            bool ok = false;
            for (const auto& one : t->is_array() ? *t : json::array({*t})) ok = ok || has_type(instance, one.get<std::string>());
            if (!ok) return fail(path, "must be of type " + t->dump());
        }
        if (auto e = schema.find("enum"); e != schema.end()) {
            bool ok = false;
            for (const auto& v : *e) ok = ok || v == instance;
            if (!ok) return fail(path, "must be one of " + e->dump());
        }
        if (instance.is_string()) {
            const auto& s = instance.get_ref<const std::string&>();
            if (auto p = schema.find("pattern"); p != schema.end() && !matches_pattern(p->get<std::string>(), s))
                return fail(path, "must match the pattern " + p->get<std::string>());
            if (auto f = schema.find("format"); f != schema.end()) {
                if (*f == "date-time" && !is_rfc3339_date_time(s)) return fail(path, "must be an RFC 3339 date-time");
                if (*f == "date" && !is_rfc3339_date(s)) return fail(path, "must be an RFC 3339 date");
            }
        }
        if (instance.is_object())
            if (auto f = check_object(schema, instance, path, depth)) return f;
        if (instance.is_array())
            if (auto f = check_array(schema, instance, path, depth)) return f;
        if (auto a = schema.find("allOf"); a != schema.end())
            for (const auto& sub : *a)
                if (auto f = check(sub, instance, path, depth + 1)) return f;
        if (auto o = schema.find("oneOf"); o != schema.end())
            if (auto f = check_one_of(*o, instance, path, depth)) return f;
        if (auto r = schema.find("$ref"); r != schema.end()) {
            // 2019-09: $ref applies alongside its sibling keywords. Resolution was checked
            // by unsupported_keywords() for the schemas we embed.
            const json& target = root_.at(json::json_pointer(r->get<std::string>().substr(1)));
            if (auto f = check(target, instance, path, depth + 1)) return f;
        }
        return std::nullopt;
    }

private:
    const json& root_;
    std::size_t max_depth_;

    static std::optional<Failure> fail(const std::string& path, std::string message) {
        return Failure{path, std::move(message)};
    }

    std::optional<Failure> check_object(const json& schema, const json& instance, const std::string& path,
                                        std::size_t depth) {
        if (auto r = schema.find("required"); r != schema.end())
            for (const auto& name : *r)
                if (!instance.contains(name.get<std::string>()))
                    return fail(path, "required property \"" + name.get<std::string>() + "\" is missing");
        static const json no_properties = json::object();
        auto p = schema.find("properties");
        const json& properties = p != schema.end() ? *p : no_properties;
        auto extra = schema.find("additionalProperties");
        for (const auto& [key, value] : instance.items()) {
            std::string at = path + "/" + pointer_token(key);
            if (auto s = properties.find(key); s != properties.end()) {
                if (auto f = check(*s, value, at, depth + 1)) return f;
            } else if (extra != schema.end()) {
                if (auto f = check(*extra, value, at, depth + 1))
                    return extra->is_boolean() ? fail(at, "property is not allowed here") : f;
            }
        }
        return std::nullopt;
    }

    std::optional<Failure> check_array(const json& schema, const json& instance, const std::string& path,
                                       std::size_t depth) {
        if (auto m = schema.find("minItems"); m != schema.end() && instance.size() < m->get<std::size_t>())
            return fail(path, "must have at least " + m->dump() + " item(s)");
        auto items = schema.find("items");
        auto additional = schema.find("additionalItems");
        for (std::size_t i = 0; i < instance.size(); ++i) {
            const json* sub = nullptr;
            if (items != schema.end() && items->is_array()) {
                if (i < items->size()) sub = &(*items)[i];
                else if (additional != schema.end()) sub = &*additional;
            } else if (items != schema.end()) {
                sub = &*items;
            }
            if (sub)
                if (auto f = check(*sub, instance[i], path + "/" + std::to_string(i), depth + 1)) return f;
        }
        if (auto c = schema.find("contains"); c != schema.end()) {
            bool found = false;
            for (const auto& item : instance) found = found || !check(*c, item, path, depth + 1);
            if (!found) return fail(path, "must contain an item matching " + c->dump());
        }
        return std::nullopt;
    }

    // Exactly one branch must hold. When none does, report the failure of the branch that
    // got furthest into the instance (longest path); at equal depth, one whose type
    // matched (for "URI or Profile", a Profile missing its id says more than "not a string").
    static bool deeper(const Failure& a, const Failure& b) {
        if (a.instance_path.size() != b.instance_path.size()) return a.instance_path.size() > b.instance_path.size();
        return !a.message.starts_with("must be of type") && b.message.starts_with("must be of type");
    }

    std::optional<Failure> check_one_of(const json& branches, const json& instance, const std::string& path,
                                        std::size_t depth) {
        std::size_t matched = 0;
        std::optional<Failure> best;
        for (const auto& sub : branches) {
            auto f = check(sub, instance, path, depth + 1);
            if (!f) ++matched;
            else if (!best || deeper(*f, *best)) best = std::move(f);
        }
        if (matched == 1) return std::nullopt;
        if (matched > 1) return fail(path, "matches more than one of the allowed forms");
        return best;
    }
};

void scan(const json& root, const json& schema, const std::string& at, std::vector<std::string>& out) {
    static const std::set<std::string> keywords = {
        "type", "enum", "pattern", "format", "required", "properties", "additionalProperties", "items",
        "additionalItems", "minItems", "contains", "allOf", "oneOf", "$ref", "$defs",
        "$schema", "$id", "$comment", "title", "description"};
    if (!schema.is_object()) return;
    for (const auto& [key, value] : schema.items()) {
        std::string here = at + "/" + pointer_token(key);
        if (!keywords.contains(key)) out.push_back(here + ": unsupported keyword");
        if (key == "format" && value != "date-time" && value != "date") out.push_back(here + ": unsupported format");
        if (key == "$ref") {
            const std::string ref = value.is_string() ? value.get<std::string>() : "";
            try {
                if (!ref.starts_with("#/") || !root.contains(json::json_pointer(ref.substr(1))))
                    out.push_back(here + ": unresolvable $ref " + ref);
            } catch (const json::exception&) {
                out.push_back(here + ": malformed $ref " + ref);
            }
        }
        if (key == "pattern") {
            try {
                std::regex check(value.get<std::string>(), std::regex::ECMAScript);
            } catch (const std::exception&) {
                out.push_back(here + ": pattern std::regex cannot compile");
            }
        }
        if (key == "properties" || key == "$defs") {
            for (const auto& [name, sub] : value.items()) scan(root, sub, here + "/" + pointer_token(name), out);
        } else if (key == "items" || key == "allOf" || key == "oneOf") {
            if (value.is_array())
                for (std::size_t i = 0; i < value.size(); ++i) scan(root, value[i], here + "/" + std::to_string(i), out);
            else
                scan(root, value, here, out);
        } else if (key == "additionalProperties" || key == "additionalItems" || key == "contains") {
            scan(root, value, here, out);
        }
    }
}

} // namespace

std::optional<Failure> validate(const json& root, const json& instance, std::size_t max_depth) {
    return Validator(root, max_depth).check(root, instance, "", 0);
}

std::vector<std::string> unsupported_keywords(const json& root) {
    std::vector<std::string> out;
    scan(root, root, "#", out);
    return out;
}

} // namespace mc::credentials::schema
