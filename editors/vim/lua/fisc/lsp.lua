-- lua/fisc/lsp.lua: the fisc language server in Neovim (0.7 and later).
--
--   require('fisc.lsp').setup()            -- `fisc` on PATH
--   require('fisc.lsp').setup({ cmd = { '/path/to/fisc', 'lsp' } })
--
-- Starts `fisc lsp` for every buffer of filetype fisc (one server per
-- root: the folder holding .git, else the file's folder) and turns on
-- what this Neovim has: code lens (0.7), inlay hints (0.10).  Semantic
-- tokens, diagnostics, hover (K), go to definition, references, rename,
-- formatting (vim.lsp.buf.format, 0.8; formatting_sync, 0.7) and code
-- actions are Neovim's own LSP client.  See docs/editors.md.
local M = {}

local function root_of(path)
  local git = vim.fn.finddir('.git', vim.fn.fnamemodify(path, ':p:h') .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return vim.fn.fnamemodify(path, ':p:h')
end

local clients = {} -- root -> client id (Neovim 0.7 has no vim.lsp.start)

local function on_attach(opts)
  return function(client, bufnr)
    if client.server_capabilities and client.server_capabilities.codeLensProvider then
      pcall(vim.lsp.codelens.refresh)
      vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
        buffer = bufnr,
        callback = function() pcall(vim.lsp.codelens.refresh) end,
      })
    end
    if vim.lsp.inlay_hint and vim.lsp.inlay_hint.enable then
      pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr })
    end
    if opts.on_attach then
      opts.on_attach(client, bufnr)
    end
  end
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup('fisc_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'fisc',
    callback = function(args)
      local root = root_of(vim.api.nvim_buf_get_name(args.buf))
      local config = {
        name = 'fisc',
        cmd = opts.cmd or { 'fisc', 'lsp' },
        root_dir = root,
        capabilities = opts.capabilities,
        on_attach = on_attach(opts),
      }
      if vim.lsp.start then
        vim.lsp.start(config, { bufnr = args.buf })
        return
      end
      local id = clients[root]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client(config)
        clients[root] = id
      end
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

return M
