-- Does GRANT SET ON PARAMETER session_replication_role (PostgreSQL 15+) let a non-superuser role skip the FK (RI)
-- triggers with SET LOCAL session_replication_role = replica? Run as superuser: psql -f this file. Cleans up after itself.
\set ON_ERROR_STOP 0
DROP SCHEMA IF EXISTS essai_replica CASCADE;
DROP ROLE IF EXISTS essai_import;
CREATE ROLE essai_import LOGIN;
CREATE SCHEMA essai_replica AUTHORIZATION essai_import;
SET ROLE essai_import;
CREATE TABLE essai_replica.parent (id int PRIMARY KEY);
CREATE TABLE essai_replica.enfant (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES essai_replica.parent (id));
\echo '1. Without the grant: SET session_replication_role as essai_import (expected: permission denied)'
BEGIN; SET LOCAL session_replication_role = replica; ROLLBACK;
RESET ROLE;
GRANT SET ON PARAMETER session_replication_role TO essai_import;
SELECT parname, paracl FROM pg_parameter_acl;
SET ROLE essai_import;
\echo '2. With the grant: SET LOCAL then an orphan child row (no parent 42)'
BEGIN;
SET LOCAL session_replication_role = replica;
SHOW session_replication_role;
INSERT INTO essai_replica.enfant VALUES (1, 42);
SELECT count(*) AS orphelins_inseres FROM essai_replica.enfant e WHERE NOT EXISTS (SELECT 1 FROM essai_replica.parent p WHERE p.id = e.parent_id);
COMMIT;
\echo '3. Back to origin: the same orphan insert must fail'
INSERT INTO essai_replica.enfant VALUES (2, 43);
SHOW session_replication_role;
\echo '4. Can the role also set it through ALTER ROLE ... SET (persisting) ?'
RESET ROLE;
\echo '5. Cleanup'
DROP SCHEMA essai_replica CASCADE;
REVOKE SET ON PARAMETER session_replication_role FROM essai_import;
DROP ROLE essai_import;
