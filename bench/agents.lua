-- Charge de 200 agents (bench/agents.sh) : un fil wrk par agent, une connexion par fil, la session de cet agent (son cookie).
-- Le fichier AGENTS_SESSIONS a une ligne par agent : rôle <TAB> cookies <TAB> numéros de demandes visibles (virgules)
-- <TAB> vacances visibles (virgules) <TAB> communes (virgules). Chaque requête tire une page du parcours d'un agent :
-- liste et recherche des demandes, page d'une demande, sa cotation, tableau des vacances, une vacance et ses candidats,
-- journal (agents de l'intercommunalité seulement ; les autres ouvrent une demande à la place).

local numero_fil = 0

function setup(thread)
  numero_fil = numero_fil + 1
  thread:set("id", numero_fil)
end

local function decouper(texte, sep)
  local t = {}
  for morceau in string.gmatch(texte or "", "[^" .. sep .. "]+") do t[#t + 1] = morceau end
  return t
end

local role, cookies, numeros, vacances, communes

function init(args)
  local lignes = {}
  for ligne in io.lines(os.getenv("AGENTS_SESSIONS")) do lignes[#lignes + 1] = ligne end
  local champs = decouper(lignes[(id - 1) % #lignes + 1], "\t")
  role, cookies = champs[1], champs[2]
  numeros, vacances, communes = decouper(champs[3], ","), decouper(champs[4], ","), decouper(champs[5], ",")
  math.randomseed(id * 7919)
end

local function un(t) return t[math.random(#t)] end

local function chemin()
  local r = math.random(100)
  if r <= 12 then return "/demandes?page=" .. math.random(5) end
  if r <= 20 and #communes > 0 then return "/demandes?Commune=" .. un(communes) end
  if r <= 26 then return "/demandes?Numero=" .. un(numeros) end
  if r <= 48 then return "/demandes/" .. un(numeros) end
  if r <= 63 then return "/demandes/" .. un(numeros) .. "/cotation" end
  if r <= 73 then return "/vacances" end
  if r <= 88 then
    if #vacances == 0 then return "/vacances" end
    return "/vacances/" .. un(vacances)
  end
  if role == "epci" then return "/journal" end
  return "/demandes/" .. un(numeros)
end

function request()
  return wrk.format("GET", chemin(), { ["Cookie"] = cookies })
end

function done(resume, latence, requetes)
  local e = resume.errors
  io.write(string.format("Requêtes : %d en %.1f s, %.1f req/s\n", resume.requests, resume.duration / 1e6, resume.requests / (resume.duration / 1e6)))
  io.write(string.format("Latence : p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latence:percentile(50) / 1000, latence:percentile(90) / 1000, latence:percentile(99) / 1000, latence.max / 1000))
  io.write(string.format("Erreurs : %d réponses hors 2xx/3xx, sockets : %d connexion, %d lecture, %d écriture, %d délai dépassé\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
