-- The record: a member's agenda proposal is created once per proposal form (see 20261205141500_form_tokens):
-- a double click or a resent post finds the first proposal instead of putting a twin before the office.
alter table public.agenda_proposals add column form_token uuid;
create unique index agenda_proposals_form_token_key on public.agenda_proposals (form_token);
