// Issuing one achievement to many educators at once, from a recipient list (CSV): a program
// that ran a cohort training, or an agency moving its earlier paper certificates onto signed
// credentials. Each recipient gets the same kind of award as an assessed submission (a signed
// OpenBadgeCredential with its own status-list slot, stored in awards, the educator notified),
// without rubric results, since no assessor scored it.
//
// Policy:
//  - A list with row errors issues nothing unless skip_invalid is set; then only the good rows.
//  - Running the same list again issues nothing twice: whoever already holds an unrevoked
//    award of the same achievement version is reported as such and skipped.
//  - A recipient without an account gets one (educator role, no password: they set one through
//    "forgot password" with the email the credential was sent to).
//  - Awards are written in batches, each in one transaction; an interrupted run keeps the
//    batches that committed, and a re-run finishes the rest.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "credentials/model/recipient_csv.hpp"

namespace mc::credentials {

struct BulkIssueOptions {
    std::string achievement;       // a published version id, or a micro-credential id or slug (newest published)
    std::string locale = "en";     // language of the texts inside the credentials
    bool skip_invalid = false;     // issue the good rows of a list that has errors
    bool notify = true;            // in-page notice and email to each recipient
    std::size_t threads = 0;       // signing threads; 0 = one per core
    std::size_t batch_size = 1000; // awards per transaction
    // Called after each committed batch: (recipients handled so far, recipients to handle).
    std::function<void(std::size_t, std::size_t)> progress;
};

struct BulkIssueRow {
    std::size_t line = 0;
    std::string email;
    std::string outcome; // "issued" | "already_held"
    std::string award_id;
};

struct BulkIssueOutcome {
    std::string version_id;
    std::string achievement_name;
    bool aborted = false;            // the list had errors and skip_invalid was not set
    std::size_t issued = 0;
    std::size_t already_held = 0;
    std::size_t skipped_invalid = 0; // rows with errors left out (skip_invalid)
    std::size_t accounts_created = 0;
    std::vector<RowError> errors;    // from reading the list
    std::vector<BulkIssueRow> rows;  // one per good row, in file order
};

Result<BulkIssueOutcome> bulk_issue(app::App& app, const RecipientList& list, const BulkIssueOptions& options);

// The error in words for a person, e.g. "line 7: the email "ana@" is not an email address".
std::string describe_row_error(const app::App& app, std::string_view locale, const RowError& e);

} // namespace mc::credentials

namespace mc::credentials {

// `microcred credentials issue --achievement ID --csv FILE [--skip-invalid] [--locale es]`:
// problems go to `err` with their line numbers, a progress bar too when `err` is a terminal,
// and a summary to `out`. Exit status: 0 done, 1 nothing issued because of list errors,
// 2 the achievement or file cannot be used.
struct BulkCliOptions {
    std::string achievement;
    std::string csv_path;
    std::string locale = "en";
    bool skip_invalid = false;
    bool progress_bar = false; // the caller decides (stderr is a tty)
};
int bulk_issue_command(app::App& app, const BulkCliOptions& options, std::ostream& out, std::ostream& err);

} // namespace mc::credentials
