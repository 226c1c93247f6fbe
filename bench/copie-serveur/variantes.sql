-- Variants of bench/copie-serveur.sh. Each block runs inside the transaction, before the three COPYs, and is rolled
-- back (unless "-- fin: COMMIT"). "-- serveur: OPTIONS" restarts the server with these options for the repetition.

-- variante: a_tel_quel

-- variante: b_sans_IX_DateDepot_Numero
DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero";

-- variante: b_sans_IX_DateDepot_Numero_prio
DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero_prioritaires";

-- variante: b_sans_IX_NomDemandeur
DROP INDEX "IX_demande_EpciSiren_NomDemandeur";

-- variante: b_sans_IX_NomDemandeur_motif
DROP INDEX "IX_demande_EpciSiren_NomDemandeur_motif";

-- variante: b_sans_IX_Statut
DROP INDEX "IX_demande_EpciSiren_Statut";

-- variante: b_sans_IX_Numero_unique
DROP INDEX "IX_demande_Numero";

-- variante: b_sans_aucun_index_secondaire
DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero", "IX_demande_EpciSiren_DateDepot_Numero_prioritaires",
  "IX_demande_EpciSiren_NomDemandeur", "IX_demande_EpciSiren_NomDemandeur_motif", "IX_demande_EpciSiren_Statut", "IX_demande_Numero";

-- variante: c_replica
SET LOCAL session_replication_role = replica;

-- variante: c_sans_fk
ALTER TABLE demande_evenement DROP CONSTRAINT "FK_demande_evenement_demande_DemandeId";
ALTER TABLE cotation_demande DROP CONSTRAINT "FK_cotation_demande_demande_DemandeId";

-- variante: d_cotation_ff100
ALTER TABLE cotation_demande SET (fillfactor = 100);

-- variante: e_wal_lz4
SET LOCAL wal_compression = lz4;

-- variante: e_wal_zstd
SET LOCAL wal_compression = zstd;

-- variante: e_commit
-- fin: COMMIT

-- variante: f_wal_buffers_16MB
-- serveur: -c wal_buffers=16MB

-- variante: f_shared_buffers_1GB
-- serveur: -c shared_buffers=1GB

-- variante: c_replica_verif_globale
-- Without RI triggers, plus one set-based check that every inserted child row has its parent (what the import could run
-- instead of 200,000 per-row RI queries; here the rows of this transaction are found by xmin, a scan of both child tables).
SET LOCAL session_replication_role = replica;
-- apres: SELECT (SELECT count(*) FROM demande_evenement e WHERE e.xmin::text = pg_current_xact_id()::text AND NOT EXISTS (SELECT 1 FROM demande d WHERE d."Id" = e."DemandeId")) + (SELECT count(*) FROM cotation_demande c WHERE c.xmin::text = pg_current_xact_id()::text AND NOT EXISTS (SELECT 1 FROM demande d WHERE d."Id" = c."DemandeId")) AS orphelins;

-- variante: g_sans_IX_NomDemandeur_replica
-- The two changes recommended together: no plain (EpciSiren, NomDemandeur) index, no per-row RI checks.
DROP INDEX "IX_demande_EpciSiren_NomDemandeur";
SET LOCAL session_replication_role = replica;
