-- Dashboard: a person sees the comments that mention them. Until now only the comment's author could
-- read its mention rows (they drive the mention mails); the mentioned person may read their own rows too.
-- The comment itself stays under its own policy (paper access), so a mention on a paper the person can
-- no longer open shows nothing.

create index comment_mentions_user_idx on public.comment_mentions (user_id);

create policy comment_mentions_select_mentioned on public.comment_mentions for select to authenticated
  using (user_id = (select auth.uid()));
