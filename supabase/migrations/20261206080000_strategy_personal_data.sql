-- Personal data (Art. 15/20 DSGVO): a person reads their own strategy comments in their data export even
-- after they left the board, like their comments on papers (comments_select lets authors read their own).

create policy strategy_comments_select_own on public.strategy_comments for select to authenticated
  using (author_id = (select auth.uid()));
