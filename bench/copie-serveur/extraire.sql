-- Dumps the 100,000 most recent demands (highest numbers: the last imported file) and their event and scoring rows
-- in binary, with exactly the column lists of ImportDemandes.CopierAsync, then deletes them (and VACUUMs) so the
-- experiments can insert the same rows again. psql variable :dump = output directory (readable by the server).
\set ON_ERROR_STOP 1
CREATE TEMP TABLE a_extraire AS
  SELECT "Id" FROM demande ORDER BY "Numero" DESC LIMIT 100000;
ALTER TABLE a_extraire ADD PRIMARY KEY ("Id");
ANALYZE a_extraire;
-- Lowest dumped number: the COMMIT variant deletes the rows again with it.
CREATE TABLE banc_seuil AS SELECT min(d."Numero") AS numero FROM demande d JOIN a_extraire USING ("Id");
-- Rows are dumped in the order the import writes them (number order, i.e. file order).
\set f :dump '/demande.bin'
COPY (SELECT d."Id", d."Numero", d."Canal", d."Statut", d."DateDepot", d."Contenu", d."EpciSiren", d."NomDemandeur",
             d."CommunesSouhaitees", d."ToutEpci", d."Typologies", d."Prioritaire"
      FROM demande d JOIN a_extraire USING ("Id") ORDER BY d."Numero") TO :'f' (FORMAT BINARY);
\set f :dump '/demande_evenement.bin'
COPY (SELECT e."DemandeId", e."Rang", e."Type", e."Quand", e."AuteurId", e."Organisation", e."Resume"
      FROM demande_evenement e JOIN a_extraire a ON a."Id" = e."DemandeId" JOIN demande d ON d."Id" = e."DemandeId"
      ORDER BY d."Numero", e."Rang") TO :'f' (FORMAT BINARY);
\set f :dump '/cotation_demande.bin'
COPY (SELECT c."DemandeId", c."EpciSiren", c."Statut", c."Elements", c."Total", c."GrilleId", c."Version", c."CalculeeLe"
      FROM cotation_demande c JOIN a_extraire a ON a."Id" = c."DemandeId" JOIN demande d ON d."Id" = c."DemandeId"
      ORDER BY d."Numero") TO :'f' (FORMAT BINARY);
SELECT (SELECT count(*) FROM a_extraire) AS demandes,
       (SELECT count(*) FROM demande_evenement e JOIN a_extraire a ON a."Id" = e."DemandeId") AS evenements,
       (SELECT count(*) FROM cotation_demande c JOIN a_extraire a ON a."Id" = c."DemandeId") AS cotations;
-- ON DELETE CASCADE removes the event and scoring rows.
DELETE FROM demande d USING a_extraire a WHERE d."Id" = a."Id";
VACUUM (ANALYZE) demande, demande_evenement, cotation_demande;
SELECT count(*) AS demandes_restantes FROM demande;
