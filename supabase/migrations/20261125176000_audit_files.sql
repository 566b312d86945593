-- Audit trail for the board's files (20261125171000_files.sql), kept apart from the main audit
-- migration so that one never depends on the files area. The search text and vector are never copied.

create trigger audit_row_change after insert or update or delete on public.files
  for each row execute function public.audit_row_change('board_id', 'id', 'search_text');
create trigger audit_row_change after insert or update or delete on public.file_versions
  for each row execute function public.audit_row_change('file:file_id', 'file_id', '');
