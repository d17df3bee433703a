-- Surveys (issue 12): needs assessments and satisfaction surveys agency staff build, send to
-- segments of the workforce and read back with small groups suppressed. Portable SQLite + PostgreSQL.

-- kind: 'general' | 'needs_assessment' | 'satisfaction'. A satisfaction survey names the
-- milestone that offers it ('decision_made' | 'award_issued' | 'coaching_closed').
CREATE TABLE surveys (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_es TEXT NOT NULL,
    intro_en TEXT NOT NULL DEFAULT '',
    intro_es TEXT NOT NULL DEFAULT '',
    anonymous INTEGER NOT NULL DEFAULT 1,
    milestone TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    opened_at BIGINT,
    closed_at BIGINT
);
CREATE INDEX surveys_milestone ON surveys (milestone, status);

-- kind: 'likert' | 'single' | 'multiple' | 'number' | 'text'. options: JSON [{"id","en","es"}].
-- id is unique within its survey (templates keep fixed ids, so repeated surveys line up).
CREATE TABLE survey_items (
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    prompt_en TEXT NOT NULL,
    prompt_es TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    required INTEGER NOT NULL DEFAULT 0,
    min_value INTEGER,
    max_value INTEGER,
    PRIMARY KEY (survey_id, id)
);
CREATE INDEX survey_items_survey ON survey_items (survey_id, position);

-- Who a survey goes to: values of one dimension are alternatives, dimensions all apply.
-- dimension: 'role' | 'setting' | 'region' | 'program' | 'language'.
CREATE TABLE survey_audiences (
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (survey_id, dimension, value)
);

-- Who was asked, and whether they answered: never which response is theirs. There is no time
-- of answering here on purpose (it would match a response to a person).
CREATE TABLE survey_invitations (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    subject_id TEXT NOT NULL DEFAULT '',
    micro_credential_id TEXT NOT NULL DEFAULT '',
    invited_at BIGINT NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    dismissed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (survey_id, user_id, subject_id)
);
CREATE INDEX survey_invitations_user ON survey_invitations (user_id, answered, dismissed);
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id, answered);

-- One row per answered survey. respondent_id is set only for identified surveys. language and
-- setting are broad groups for the results; period is the month, no finer time.
CREATE TABLE survey_responses (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    respondent_id TEXT REFERENCES users(id),
    micro_credential_id TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    setting TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, micro_credential_id);

-- choice: the option id (one row per chosen option) or the Likert point '1'..'5'.
CREATE TABLE survey_answers (
    response_id TEXT NOT NULL REFERENCES survey_responses(id),
    item_id TEXT NOT NULL,
    choice TEXT NOT NULL DEFAULT '',
    number_value DOUBLE PRECISION,
    text_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_answers_response ON survey_answers (response_id);
CREATE INDEX survey_answers_item ON survey_answers (item_id, choice);

-- Survey and result policy by name (min_cell: the smallest count any result shows).
CREATE TABLE survey_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);
