-- The record (#11): a named version is made by a form too, so it carries the form's one-time token under
-- a unique index like the other created rows (20261205141500_form_tokens). A repeated submit finds the
-- version instead of adding the next number. Null for versions written by code (autosave, before a restore).

alter table public.paper_versions add column form_token uuid;
create unique index paper_versions_form_token_key on public.paper_versions (form_token);
