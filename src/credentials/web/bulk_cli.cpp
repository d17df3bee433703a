// The command-line face of bulk issue, for program staff working from a spreadsheet export.
#include <chrono>
#include <fstream>
#include <iostream>

#include "credentials/web/bulk_issue.hpp"

namespace mc::credentials {

namespace {

constexpr std::size_t kMaxCsvBytes = 64u << 20;

bool read_csv(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    char chunk[1 << 16];
    while (text.size() <= kMaxCsvBytes && in.read(chunk, sizeof chunk).gcount() > 0)
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    return !in.bad();
}

// "[########----------]  4200/10000  42%" redrawn in place; throttled so a fast run does not
// spend its time writing to the terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err) : err_(err) {}
    void update(std::size_t done, std::size_t total) {
        auto now = std::chrono::steady_clock::now();
        if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        constexpr int width = 30;
        int filled = total ? static_cast<int>(width * done / total) : width;
        int percent = total ? static_cast<int>(100 * done / total) : 100;
        err_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '-') << "] " << done << "/" << total
             << " " << percent << "%" << std::flush;
        if (done == total) err_ << "\n";
    }

private:
    std::ostream& err_;
    std::chrono::steady_clock::time_point last_{};
};

} // namespace

int bulk_issue_command(app::App& app, const BulkCliOptions& o, std::ostream& out, std::ostream& err) {
    const std::string locale = o.locale == "es" ? "es" : "en";
    std::string text;
    if (!read_csv(o.csv_path, text)) {
        err << app.catalog.format(locale, "credentials.bulk.cli.unreadable", {{"file", o.csv_path}}) << "\n";
        return 2;
    }
    if (text.size() > kMaxCsvBytes) {
        err << app.catalog.format(locale, "credentials.bulk.cli.too_large", {{"file", o.csv_path}}) << "\n";
        return 2;
    }
    auto list = read_recipient_csv(text);
    ProgressBar bar(err);
    BulkIssueOptions options;
    options.achievement = o.achievement;
    options.locale = locale;
    options.skip_invalid = o.skip_invalid;
    if (o.progress_bar) options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
    auto started = std::chrono::steady_clock::now();
    auto result = bulk_issue(app, list, options);
    if (!result) {
        err << app.catalog.text(locale, result.error().key) << "\n";
        return 2;
    }
    for (const auto& e : result->errors) err << o.csv_path << ": " << describe_row_error(app, locale, e) << "\n";
    if (result->aborted) {
        err << app.catalog.format(locale, "credentials.bulk.cli.aborted",
                                  {{"count", std::to_string(result->errors.size())}})
            << "\n";
        return 1;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << app.catalog.format(locale, "credentials.bulk.cli.summary",
                              {{"achievement", result->achievement_name},
                               {"issued", std::to_string(result->issued)},
                               {"held", std::to_string(result->already_held)},
                               {"skipped", std::to_string(result->skipped_invalid)},
                               {"accounts", std::to_string(result->accounts_created)},
                               {"seconds", std::to_string(static_cast<long long>(seconds + 0.5))}})
        << "\n";
    return 0;
}

} // namespace mc::credentials
