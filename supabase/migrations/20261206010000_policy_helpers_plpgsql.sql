-- Performance (#13): the row-level policy helpers become PL/pgSQL functions with the same bodies.
--
-- Measured (bench/pages/README.md): a `language sql` function that cannot be inlined — and a
-- `security definer` one never is — is planned again in every statement that calls it, once per call site,
-- before its first row. The dashboard's statements each call two to four helpers (boards, profiles, papers,
-- comments…), so every page paid for planning them again and again: on PostgreSQL ~0.3–1 ms per statement,
-- on PGlite (in the app's thread) more. PL/pgSQL keeps the plan of the function's query for the whole
-- database session, so a helper is planned once per connection. Warm, the dashboard's papers statement went
-- from 1.6 to 1.0 ms and its mentions statement from 2.7 to 0.5 ms (EXPLAIN ANALYZE on the demo data).
--
-- Meaning and privileges stay exactly as they are: each helper's body is used unchanged as
-- `return (<body>)` — one scalar value, null where the SQL function returned no row — and
-- CREATE OR REPLACE keeps the owner and the grants. The list is explicit; the block refuses a helper that is
-- missing or is not a stable, security definer, single-value SQL function, so a later change is noticed.
-- (tests/integration/policy-helpers.test.ts holds every helper to PL/pgSQL.)
do $$
declare
  helper text;
  fn record;
begin
  foreach helper in array array[
    'account_is_active', 'agenda_proposals_open', 'can_add_file', 'can_answer_poll', 'can_change_file',
    'can_manage_paper', 'can_manage_vote', 'can_see_agenda_item', 'can_see_decision', 'can_see_file',
    'can_see_file_id', 'can_see_file_object', 'can_see_meeting', 'can_see_poll_answers', 'can_see_vote',
    'comment_thread_paper', 'decision_may_record', 'has_board_role', 'is_full_member', 'is_paper_board_member',
    'is_platform_admin', 'meeting_board_of', 'minutes_is_published', 'paper_access_of', 'shares_board_with',
    'vote_accepts_voter'
  ] loop
    select p.oid, p.prosrc, l.lanname, p.provolatile, p.prosecdef, p.proretset
      into fn
      from pg_catalog.pg_proc p join pg_catalog.pg_language l on l.oid = p.prolang
      where p.pronamespace = 'public'::regnamespace and p.proname = helper;
    if not found then raise exception 'policy helper public.% is missing', helper; end if;
    if fn.lanname <> 'sql' or fn.provolatile <> 's' or not fn.prosecdef or fn.proretset then
      raise exception 'policy helper public.% is not a stable security definer SQL function returning one value', helper;
    end if;
    execute format(
      'create or replace function public.%I(%s) returns %s language plpgsql stable security definer '
        'set search_path = '''' as %L',
      helper,
      pg_catalog.pg_get_function_arguments(fn.oid),
      pg_catalog.pg_get_function_result(fn.oid),
      E'begin\n  return (\n' || rtrim(rtrim(fn.prosrc), ';') || E'\n  );\nend'
    );
  end loop;
end
$$;
