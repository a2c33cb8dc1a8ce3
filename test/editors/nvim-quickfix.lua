-- Driven by nvim.test.ts: nvim --headless -u NONE -c 'luafile nvim-quickfix.lua'
-- Env: ALIASCOPE_LSP (server command, words split on spaces), SH_FILE (the script to open).
-- Opens the script, waits for both kubectl diagnostics, applies the preferred quick fix through
-- Neovim's own code-action path, writes the buffer. Exit status 0 on success, 1 on any failure.
local function out(msg) io.stdout:write(msg .. '\n') end
local function finish(ok, msg)
  out((ok and 'PASS: ' or 'FAIL: ') .. msg)
  io.stdout:flush()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end
vim.defer_fn(function() finish(false, 'watchdog timeout') end, tonumber(os.getenv('TIMEOUT_MS') or '60000'))

local function main()
  local file = os.getenv('SH_FILE')
  vim.cmd('filetype on') -- -u NONE leaves filetype detection off, and languageId comes from it
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'aliascope',
    cmd = vim.split(os.getenv('ALIASCOPE_LSP'), ' ', { trimempty = true }),
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
        if result and vim.uri_to_bufnr(result.uri) == bufnr then published = result.diagnostics end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, cfg)
      end,
    },
  })
  if not client_id then return finish(false, 'start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function has(code)
    for _, d in ipairs(published) do if d.code == code then return d end end
  end
  if not vim.wait(30000, function() return has('function-read-before-alias') and has('alias-in-function') end, 50) then
    return finish(false, 'both diagnostics never arrived')
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out(string.format('diagnostic %d:%d %s', d.lnum + 1, d.col + 1, d.message))
  end
  local target = has('function-read-before-alias')
  vim.api.nvim_win_set_cursor(0, { target.range.start.line + 1, target.range.start.character })
  local before = vim.api.nvim_buf_get_changedtick(bufnr)
  if vim.fn.has('nvim-0.8') == 1 then
    vim.lsp.buf.code_action({ apply = true, filter = function(a) return a.isPreferred end })
  else
    -- 0.7 always asks through vim.ui.select: answer as a user picking the preferred fix.
    vim.ui.select = function(items, opts, on_choice)
      for i, item in ipairs(items) do
        out('menu ' .. i .. ': ' .. opts.format_item(item))
      end
      for i, item in ipairs(items) do
        if item[2].isPreferred then return on_choice(item, i) end
      end
      on_choice(nil, nil)
    end
    vim.lsp.buf.code_action({ diagnostics = { target }, only = { 'quickfix' } })
  end
  if not vim.wait(10000, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= before end, 50) then
    return finish(false, 'the quick fix did not change the buffer')
  end
  vim.cmd('write')
  if not vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
    return finish(false, 'diagnostics remain after the fix')
  end
  vim.lsp.stop_client(client_id)
  finish(true, 'both diagnostics seen, quick fix applied, file written')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then finish(false, 'lua error: ' .. tostring(err)) end
