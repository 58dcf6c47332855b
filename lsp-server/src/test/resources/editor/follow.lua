-- Headless Neovim (0.7.x) as an LSP client of lean3-assist, with README's goal-panel recipe loaded as
-- it stands (NVIM_TEST_RECIPE): open a Lean file, wait for Lean's diagnostics, follow a place, and
-- write what the recipe's floating window shows to NVIM_TEST_OUT.
local out_path = os.getenv('NVIM_TEST_OUT')
local file = os.getenv('NVIM_TEST_FILE')
local line = tonumber(os.getenv('NVIM_TEST_LINE'))
local character = tonumber(os.getenv('NVIM_TEST_CHARACTER'))

local function write(text)
  local out = io.open(out_path, 'a')
  out:write(text .. '\n')
  out:close()
end

local assist = dofile(os.getenv('NVIM_TEST_RECIPE'))
local reports = 0
local on_suggestions = assist.on_suggestions
assist.on_suggestions = function(err, report, ctx, config)
  reports = reports + 1
  on_suggestions(err, report, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local diagnostics_seen = false

local client_id = vim.lsp.start_client({
  name = 'lean3-assist',
  cmd = { os.getenv('LEAN3ASSIST_LAUNCHER'), 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  -- The stand-in Lean is a node script outside what the sandbox shows: replays run unconfined here.
  settings = { lean3Assist = { sandbox = 'off', suggestions = { onHover = false } } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      diagnostics_seen = true
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
    ['$/lean3Assist/suggestions'] = function(...) assist.on_suggestions(...) end,
  },
  on_exit = function(code) write('EXIT ' .. tostring(code)) end,
})
if client_id == nil then
  write('START FAILED')
  vim.cmd('qa!')
end
vim.lsp.buf_attach_client(bufnr, client_id)
write('DIAGNOSTICS ' .. tostring(vim.wait(90000, function() return diagnostics_seen end, 100)))

-- The cursor rests on the place: the recipe follows it, as its CursorHold autocommand would.
vim.api.nvim_win_set_cursor(0, { line + 1, character })
assist.follow(vim.lsp.get_client_by_id(client_id), bufnr)

local function shown()
  if not (assist.buf and vim.api.nvim_buf_is_valid(assist.buf)) then return {} end
  return vim.api.nvim_buf_get_lines(assist.buf, 0, -1, false)
end
local verified = vim.wait(180000, function()
  for _, text in ipairs(shown()) do
    if text:sub(1, #'✓ ') == '✓ ' then return true end
  end
  return false
end, 100)
write('VERIFIED ' .. tostring(verified))
write('REPORTS ' .. tostring(reports))
write('FLOAT ' .. tostring(assist.win ~= nil and vim.api.nvim_win_is_valid(assist.win)))
for _, text in ipairs(shown()) do
  write('PANEL ' .. text)
end

vim.lsp.stop_client(client_id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 100)
vim.cmd('qa!')
