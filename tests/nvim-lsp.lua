-- nvim-lsp.lua: Neovim as the client (run by tests/editors.sh).
--
--   FISC=build/fisc nvim --headless -u NONE -i NONE -c 'luafile tests/nvim-lsp.lua'
--
-- Loads editors/vim (ftdetect, syntax, ftplugin, lua/fisc/lsp.lua) the
-- way an installed copy is loaded, opens the seed example and checks
-- what a person would see: the filetype, highlighting, the diagnostics
-- of `fisc check` from the server, hover on a figure, completion in a
-- check, and a code lens.  Prints "ok NAME" / "FAIL NAME" and quits.
local function say(ok, name, why)
  io.stdout:write((ok and 'ok ' or 'FAIL ') .. name .. ((not ok and why) and (': ' .. why) or '') .. '\n')
end

local function main()
local cwd = vim.fn.getcwd()
vim.opt.runtimepath:prepend(cwd .. '/editors/vim')
vim.cmd('filetype plugin on')
vim.cmd('syntax on')
local cmd = vim.split(os.getenv('FISC') or 'build/fisc', ' ', { trimempty = true })
table.insert(cmd, 'lsp')
require('fisc.lsp').setup({ cmd = cmd })

vim.cmd('edit examples/longgang-2022.fisc')
say(vim.bo.filetype == 'fisc', 'nvim-ftdetect', vim.bo.filetype)
say(vim.bo.commentstring == '// %s', 'nvim-ftplugin', vim.bo.commentstring)

local function group_at(lnum, needle)
  local line = vim.fn.getline(lnum)
  local col = line:find(needle, 1, true)
  return col and vim.fn.synIDattr(vim.fn.synID(lnum, col, 1), 'name') or 'not found'
end
local lnum_budget = vim.fn.search('^budget ', 'nw')
local lnum_249 = vim.fn.search('对个人和家庭的补助               =     249', 'nw')
say(group_at(lnum_budget, 'budget') == 'fiscKeyword', 'nvim-syntax-keyword', group_at(lnum_budget, 'budget'))
say(group_at(lnum_249, '249') == 'fiscNumber', 'nvim-syntax-number', group_at(lnum_249, '249'))
local lnum_unit = vim.fn.search('劳务派遣人员数 .*69 人', 'nw')
local unit_col = vim.fn.getline(lnum_unit):find('69 人', 1, true) + 3
local unit_group = vim.fn.synIDattr(vim.fn.synID(lnum_unit, unit_col, 1), 'name')
say(unit_group == 'fiscUnit', 'nvim-syntax-unit', unit_group)

local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 9 end, 50)
local diags = vim.diagnostic.get(0)
say(ok and #diags == 9, 'nvim-lsp-diagnostics', #diags .. ' diagnostics')
local warns = 0
for _, d in ipairs(diags) do
  if d.severity == vim.diagnostic.severity.WARN then warns = warns + 1 end
end
say(warns == 9, 'nvim-lsp-diagnostics-warnings', warns .. ' warnings')

-- a position as the server counts it (UTF-16 unless both sides said UTF-8)
local function pos(lnum, needle)
  local line = vim.fn.getline(lnum)
  local byte = line:find(needle, 1, true) - 1
  local client = vim.lsp.get_active_clients({ bufnr = 0 })[1]
  local enc = client and client.offset_encoding or 'utf-16'
  local _, u16 = vim.str_utfindex(line, byte)
  return { line = lnum - 1, character = enc == 'utf-8' and byte or u16 }
end
local uri = vim.uri_from_bufnr(0)
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover',
  { textDocument = { uri = uri }, position = pos(lnum_249, '249') }, 10000)
local text = ''
for _, r in pairs(res or {}) do
  if r.result and r.result.contents then text = text .. (r.result.contents.value or '') end
end
say(text:find('declared **249 万元**', 1, true) ~= nil and text:find('within rounding', 1, true) ~= nil,
  'nvim-lsp-hover', text:sub(1, 200))

local lnum_check = vim.fn.search('check （一）人员支出 == t04\\[', 'nw')
res = vim.lsp.buf_request_sync(0, 'textDocument/completion',
  { textDocument = { uri = uri }, position = pos(lnum_check, '工资福利支出') }, 10000)
local labels = {}
for _, r in pairs(res or {}) do
  for _, item in ipairs((r.result or {}).items or {}) do labels[item.label] = true end
end
say(labels['工资福利支出'] and labels['对个人和家庭的补助'], 'nvim-lsp-completion')

res = vim.lsp.buf_request_sync(0, 'textDocument/codeLens', { textDocument = { uri = uri } }, 10000)
local lens = ''
for _, r in pairs(res or {}) do
  for _, l in ipairs(r.result or {}) do lens = lens .. l.command.title .. '\n' end
end
say(lens:find('3 within rounding', 1, true) ~= nil, 'nvim-lsp-codelens', lens)
end

local ok, err = pcall(main)
if not ok then
  say(false, 'nvim-script', tostring(err))
end
vim.cmd('qa!')
