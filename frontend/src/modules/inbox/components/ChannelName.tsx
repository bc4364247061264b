import { useChannels } from "@/modules/workspace/hooks/useChannels";

export type ChannelNameProps = { channelId: string };

/** A channel's name as the company gave it ("Vendas"), never its type; nothing until it is known. */
export function ChannelName({ channelId }: ChannelNameProps) {
  const channels = useChannels();
  const channel = channels.data?.find((item) => item.id === channelId);
  return channel ? <span>{channel.name}</span> : null;
}
