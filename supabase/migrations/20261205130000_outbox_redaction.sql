-- One-time links (sign-in, reset, invitation) must not stay usable in the outbox once SMTP delivered
-- the mail: the text to keep after delivery is stored beside the text to send, and replaces it then.
alter table public.mail_outbox add column body_after_send text;

comment on column public.mail_outbox.body_after_send is
  'The body with its one-time links blanked; replaces body_text when the mail is sent (null: nothing to blank).';
