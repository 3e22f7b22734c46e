-- Carepledge schema, version 9: the young people's Pledge survey (docs/survey.md).
--
-- Anonymity is built into the tables, not left to the code that uses them:
--   * a code is kept only as a keyed BLAKE2b hash of it (the key is its round's
--     salt), never as the code itself, and nothing names the child it was
--     handed to: which child got which code is known only on paper;
--   * survey_codes has no rowid and no time of use, so neither the order the
--     codes were printed in nor the order they were used in can be read back
--     (with a rowid, "the 7th code of the list was used" would name a child to
--     the worker who handed it out);
--   * answers are kept as counts per round, question, age version and answer,
--     never as one row per young person: no answer can be joined to another
--     answer of the same young person, to a code, a time or a child.

CREATE TABLE survey_questions (
    id TEXT PRIMARY KEY,              -- the scorecard indicator it measures (data/indicators.csv)
    promise TEXT NOT NULL,            -- "3.12"
    position INTEGER NOT NULL UNIQUE, -- the order it is asked in
    -- The question in words for each age version; NULL: not asked of that group
    -- (leaving care is asked of care leavers only).
    under_8 TEXT,
    age_8_11 TEXT,
    age_11_18 TEXT,
    care_leaver TEXT
) WITHOUT ROWID;

CREATE TABLE survey_rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,        -- the collection year's end year (2010 is 2009/10) it reports on
    opened TEXT NOT NULL,         -- YYYY-MM-DD
    closed INTEGER NOT NULL DEFAULT 0,
    salt TEXT NOT NULL            -- 32 random bytes in hex: the key of its codes' hashes
);

CREATE TABLE survey_codes (
    hash TEXT PRIMARY KEY, -- BLAKE2b-256 of the code keyed by its round's salt, hex
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE survey_answers (
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    question_id TEXT NOT NULL REFERENCES survey_questions(id),
    version TEXT NOT NULL CHECK (version IN ('under_8', 'age_8_11', 'age_11_18', 'care_leaver')),
    answer INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 4), -- 1 always, 2 mostly, 3 sometimes, 4 never
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (round_id, question_id, version, answer)
) WITHOUT ROWID;

-- One question for each promise the scorecard asks young people about, in our
-- own words for each age group. Promises 3.2 (reviews and visits on time) and
-- 3.21 (an education plan) are measured from records and not asked.
INSERT INTO survey_questions VALUES
('survey_professionals_work_together', '3.1', 1,
 'Do the grown-ups who look after you get on well and help each other?',
 'Do your carers, social worker and teachers work well together to help you?',
 'Do the adults in your life (carers, social worker, teachers, health workers) work well together for you?',
 'Did the adults who looked after you (carers, social worker, teachers, health workers) work well together for you?'),
('survey_know_me', '3.3', 2,
 'Does your social worker spend time with you and get to know you?',
 'Does your social worker get to know you, and see you on your own if you want?',
 'Does your social worker take time to get to know you, and see you on your own when you want?',
 'Does your personal adviser take time to get to know you, and see you on your own when you want?'),
('survey_treated_like_own_child', '3.4', 3,
 'Do your carers treat you as well as their own children?',
 'Do your carers and the people who help you treat you as well as their own children?',
 'Do your carers and the professionals you meet treat you as well as they would treat their own children?',
 'Did your carers and the professionals you met treat you as well as their own children?'),
('survey_family_contact', '3.5', 4,
 'Do you see your family as much as you want to?',
 'Do you see or talk to your family as much as you want to, when it is safe?',
 'Can you keep in touch with your family as much as you want to, where it is safe?',
 'Can you keep in touch with your family as much as you want to, where it is safe?'),
('survey_return_home_considered', '3.6', 5,
 'If you want to go home, do the grown-ups listen to you about it?',
 'If you want to go back to live with your family, do people talk to you about it?',
 'If you want to go back to live with your family, do the people planning your care talk to you about it at every review?',
 'When you were in care, if you wanted to go back to your family, did people talk to you about it properly?'),
('survey_equal_service', '3.7', 6,
 'Do you get the help you need to do the things other children do?',
 'If you need extra help (because of a disability, your religion, culture or language), do you get it?',
 'If you have particular needs (a disability, or because of your religion, culture or language), do you get the help you need?',
 'If you have particular needs (a disability, or because of your religion, culture or language), do you get the help you need?'),
('survey_do_what_they_say', '3.8', 7,
 'Do the grown-ups do what they say they will do?',
 'Do your carers and your social worker do what they say they will do?',
 'Do your carers and professionals actually do what they say they will do?',
 'Do the professionals who support you actually do what they say they will do?'),
('survey_keep_promises', '3.9', 8,
 'When grown-ups make you a promise, do they keep it?',
 'Do your carers and your social worker only make promises they can keep?',
 'Do your carers and professionals only make promises they can keep?',
 'Do the professionals who support you only make promises they can keep?'),
('survey_reasons_explained', '3.10', 9,
 'When grown-ups decide things about you, do they tell you why?',
 'When decisions are made about you, does someone explain why?',
 'When decisions are made about you, are you told the reasons for them?',
 'When decisions are made about you, are you told the reasons for them?'),
('survey_know_entitlements', '3.11', 10,
 'Do you know who to ask when you need help?',
 'Do you know what help you can get, and who to ask for it?',
 'Do you know what you are entitled to and what help is available for you?',
 'Do you know what you are entitled to as a care leaver and what help you can get?'),
('survey_listened_to', '3.12', 11,
 'Do the grown-ups listen to what you say?',
 'Do people listen to what you think and what you want?',
 'Do you feel your views and wishes are listened to and thought about carefully?',
 'Do you feel your views and wishes are listened to and thought about carefully?'),
('survey_views_make_difference', '3.13', 12,
 'When you say what you want, does it help change things?',
 'When you say what you think, does it change what happens?',
 'When you say what you think, does it make a difference to what happens?',
 'When you say what you think, does it make a difference to what happens?'),
('survey_independent_advice', '3.14', 13,
 'Do you know someone you can talk to who is not your social worker or carer?',
 'Do you know how to talk to someone outside social care, like an advocate, if you need help?',
 'Do you know how to talk to someone outside social care, such as an advocate, who can give you independent advice?',
 'Do you know how to get independent advice, such as from an advocate, if you need it?'),
('survey_feel_settled', '3.15', 14,
 'Do you feel safe and happy where you live?',
 'Do you feel safe and settled where you live?',
 'Do you feel safe and settled in the place where you live?',
 'Do you feel safe and settled in the place where you live?'),
('survey_warning_of_changes', '3.16', 15,
 'If you have to move house or school, do the grown-ups tell you first?',
 'When something big changes, like where you live or your school, are you told in good time?',
 'When something big changes, such as where you live or your school, are you told in good time and involved in planning it?',
 'When something big changes, such as where you live, are you told in good time and involved in planning it?'),
('survey_pocket_money', '3.17', 16,
 'Do you get pocket money?',
 'Is your pocket money fair for your age?',
 'Is the pocket money you get fair for your age?',
 'When you were in care, was your pocket money fair for your age?'),
('survey_meet_others_in_care', '3.18', 17,
 'Can you meet other children who live with carers, if you want to?',
 'Can you meet other children in care if you want to?',
 'If you want to, can you meet other children and young people in care?',
 'If you want to, can you meet other care leavers and young people in care?'),
('survey_sport_art_culture', '3.19', 18,
 'Can you play, do sport, music or art when you want to?',
 'Can you do sport, art, music, drama or clubs you enjoy in your spare time?',
 'Can you take part in sport, art, music, drama or other activities you enjoy in your spare time?',
 'Can you take part in sport, art, music, drama or other activities you enjoy in your spare time?'),
('survey_settled_education', '3.20', 19,
 'Have you been able to stay at the same school?',
 'Have you been able to stay at the same school, unless you really had to move?',
 'Have you been able to stay at the same school unless a move was really necessary?',
 'When you were in care, could you stay at the same school unless a move was really necessary?'),
('survey_prepared_for_leaving_care', '3.22', 20,
 NULL, NULL, NULL,
 'Did you feel ready and well prepared when you left care?'),
('survey_could_stay_with_carers', '3.23', 21,
 NULL, NULL, NULL,
 'If you wanted to stay with your carers after you turned 18, were you able to?'),
('survey_moved_when_ready', '3.24', 22,
 NULL, NULL, NULL,
 'Did you move to live on your own (or more on your own) only when you felt ready?'),
('survey_emotional_health', '3.25', 23,
 'If you feel sad or worried, is there someone to help you?',
 'If you are worried or upset, can you get help with your feelings when you need it?',
 'If you are worried or upset, can you get help with your feelings, such as counselling, when you need it?',
 'If you are worried or upset, can you get help with your feelings, such as counselling, when you need it?'),
('survey_treated_as_individual', '3.26', 24,
 'Do the grown-ups know what makes you special?',
 'Do people treat you as you, and help you be who you want to be?',
 'Do you feel you are treated as an individual and encouraged to become the person you want to be?',
 'Do you feel you are treated as an individual and encouraged to become the person you want to be?'),
('survey_supported_to_achieve', '3.27', 25,
 'Do the grown-ups help you with the things you want to do?',
 'Do you get help to work towards the things you want to do when you are older?',
 'Do you get the support you need to work towards what you want to achieve in life?',
 'Do you get the support you need to work towards what you want to achieve in life?');
