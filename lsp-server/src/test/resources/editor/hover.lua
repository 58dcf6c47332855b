-- Headless Neovim (0.7.x: vim.lsp.start_client) as an LSP client of lean3-assist: open a Lean file,
-- wait for Lean's diagnostics, ask for a hover, and write what came back to NVIM_TEST_OUT.
local out_path = os.getenv('NVIM_TEST_OUT')
local file = os.getenv('NVIM_TEST_FILE')
local line = tonumber(os.getenv('NVIM_TEST_LINE'))
local character = tonumber(os.getenv('NVIM_TEST_CHARACTER'))

local function write(text)
  local out = io.open(out_path, 'a')
  out:write(text .. '\n')
  out:close()
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local diagnostics_seen = false

local client_id = vim.lsp.start_client({
  name = 'lean3-assist',
  cmd = { os.getenv('LEAN3ASSIST_LAUNCHER'), 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  settings = { lean3Assist = { suggestions = { onHover = false } } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      diagnostics_seen = true
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
  on_exit = function(code) write('EXIT ' .. tostring(code)) end,
})
if client_id == nil then
  write('START FAILED')
  vim.cmd('qa!')
end
vim.lsp.buf_attach_client(bufnr, client_id)

write('DIAGNOSTICS ' .. tostring(vim.wait(90000, function() return diagnostics_seen end, 100)))

local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 60000)
for _, response in pairs(responses or {}) do
  if response.err then
    write('ERROR ' .. vim.inspect(response.err))
  elseif response.result and response.result.contents then
    write('HOVER ' .. response.result.contents.value)
  else
    write('HOVER none')
  end
end

vim.lsp.stop_client(client_id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 100)
vim.cmd('qa!')
